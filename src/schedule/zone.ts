/**
 * Time zones for weekly reminders: IANA names (Europe/Berlin) through the runtime's Intl data,
 * and fixed offsets (UTC+2, UTC-05:30). Converts between instants and local wall-clock time.
 */
import type { CivilDate } from "../export/dates.js";

/** A local wall-clock moment in some zone. */
export interface LocalTime extends CivilDate {
  readonly hour: number;
  readonly minute: number;
}

export type ZoneParse = { readonly ok: true; readonly zone: string } | { readonly ok: false };

const OFFSET = /^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/i;
const MAX_OFFSET_MINUTES = 14 * 60;
const formatters = new Map<string, Intl.DateTimeFormat>();

function offsetZone(sign: number, minutes: number): string {
  if (minutes === 0) return "UTC";
  const hours = String(Math.floor(minutes / 60)).padStart(2, "0");
  return `UTC${sign < 0 ? "-" : "+"}${hours}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Reads a zone as typed: "utc", "Europe/Berlin", "UTC+2", "+05:30". Returns its canonical name. */
export function parseZone(text: string): ZoneParse {
  const trimmed = text.trim();
  if (/^(utc|gmt|z)$/i.test(trimmed)) return { ok: true, zone: "UTC" };
  const offset = OFFSET.exec(trimmed);
  if (offset) {
    const minutes = Number(offset[2]) * 60 + Number(offset[3] ?? 0);
    if (minutes > MAX_OFFSET_MINUTES || Number(offset[3] ?? 0) >= 60) return { ok: false };
    return { ok: true, zone: offsetZone(offset[1] === "-" ? -1 : 1, minutes) };
  }
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){1,2}$/.test(trimmed)) return { ok: false };
  try {
    const zone = new Intl.DateTimeFormat("en-US", { timeZone: trimmed }).resolvedOptions().timeZone;
    return { ok: true, zone };
  } catch {
    return { ok: false };
  }
}

/** Minutes east of UTC for a canonical fixed-offset name, or undefined for an IANA name. */
function fixedOffset(zone: string): number | undefined {
  if (zone === "UTC") return 0;
  const match = /^UTC([+-])(\d{2}):(\d{2})$/.exec(zone);
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formatters.set(zone, format);
  }
  return format;
}

function fromUtcFields(ms: number): LocalTime {
  const at = new Date(ms);
  return {
    year: at.getUTCFullYear(),
    month: at.getUTCMonth() + 1,
    day: at.getUTCDate(),
    hour: at.getUTCHours(),
    minute: at.getUTCMinutes(),
  };
}

/** The wall-clock time in `zone` at instant `ms`. */
export function localTime(zone: string, ms: number): LocalTime {
  const fixed = fixedOffset(zone);
  if (fixed !== undefined) return fromUtcFields(ms + fixed * 60_000);
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(new Date(ms))
      .map((part) => [part.type, Number(part.value)]),
  );
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
  };
}

function asUtc(local: LocalTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
}

/** Minutes east of UTC that `zone` is at instant `ms`. */
export function offsetAt(zone: string, ms: number): number {
  const fixed = fixedOffset(zone);
  if (fixed !== undefined) return fixed;
  const minute = Math.floor(ms / 60_000) * 60_000;
  return (asUtc(localTime(zone, minute)) - minute) / 60_000;
}

/**
 * The instant at which `zone` shows `local`. A time skipped by a daylight-saving change comes out
 * an hour later, on the far side of the gap; a repeated time takes its first occurrence.
 */
export function toInstant(zone: string, local: LocalTime): number {
  const guess = asUtc(local);
  const before = offsetAt(zone, guess - 86_400_000);
  const after = offsetAt(zone, guess + 86_400_000);
  const valid = [before, after]
    .map((offset) => ({ offset, at: guess - offset * 60_000 }))
    .filter((candidate) => offsetAt(zone, candidate.at) === candidate.offset)
    .map((candidate) => candidate.at);
  return valid.length > 0 ? Math.min(...valid) : guess - before * 60_000;
}
