/**
 * When a weekly reminder fires: a weekday and a local time in the subscriber's zone. Parses what
 * users type ("sun 18:30", "friday 7pm") and finds the next due instant.
 */
import { addDays, isoWeek, isoWeekday } from "../export/dates.js";
import { localTime, toInstant } from "./zone.js";

export interface WeeklyTime {
  /** ISO weekday: Monday 1 to Sunday 7. */
  readonly day: number;
  /** Local time "HH:MM", 24-hour. */
  readonly time: string;
}

export const WHEN_DEFAULTS: WeeklyTime = { day: 7, time: "18:00" }; // Sunday evening

const DAY_NAMES = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;

export type WhenParse =
  | { readonly ok: true; readonly when: WeeklyTime }
  | { readonly ok: false; readonly bad: string };

/** A day name or an unambiguous start of one: "mon", "tues", "th", "su". */
function parseDay(word: string): number | undefined {
  const lower = word.toLowerCase();
  if (lower.length < 2) return undefined;
  const matches = DAY_NAMES.flatMap((name, index) => (name.startsWith(lower) ? [index + 1] : []));
  return matches.length === 1 ? matches[0] : undefined;
}

function parseTime(word: string): string | undefined {
  const match = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|h)?$/i.exec(word.trim());
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  const half = match[3]?.toLowerCase();
  if (half === "am" || half === "pm") {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half === "pm" ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/** Reads "[day] [time]" in either order; missing parts take the defaults. */
export function parseWhen(words: readonly string[]): WhenParse {
  let { day, time } = WHEN_DEFAULTS;
  const rest = [...words];
  for (let index = 0; index < rest.length; index += 1) {
    const word = rest[index] ?? "";
    const next = rest[index + 1];
    // "7 pm" arrives as two words.
    const joined = next && /^(am|pm)$/i.test(next) ? `${word}${next}` : word;
    const parsedDay = parseDay(word);
    const parsedTime = parseTime(joined);
    if (parsedDay !== undefined) day = parsedDay;
    else if (parsedTime !== undefined) {
      time = parsedTime;
      if (joined !== word) index += 1;
    } else return { ok: false, bad: word };
  }
  return { ok: true, when: { day, time } };
}

/** The first instant strictly after `after` at which `zone` shows the weekday and time. */
export function nextDue(when: WeeklyTime, zone: string, after: number): number {
  const [hour = 0, minute = 0] = when.time.split(":").map(Number);
  const today = localTime(zone, after);
  for (let offset = 0; offset <= 14; offset += 1) {
    const date = addDays(today, offset);
    if (isoWeekday(date) !== when.day) continue;
    const at = toInstant(zone, { ...date, hour, minute });
    if (at > after) return at;
  }
  throw new Error("no weekly occurrence within two weeks");
}

/** The ISO week ("2026-W09") of an instant as seen in `zone`: one delivery per such week. */
export function weekOf(zone: string, at: number): string {
  return isoWeek(localTime(zone, at));
}

/** "Sunday". */
export function weekdayName(day: number): string {
  const name = DAY_NAMES[day - 1] ?? "";
  return name.charAt(0).toUpperCase() + name.slice(1);
}
