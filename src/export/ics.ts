/**
 * A week's plan as an iCalendar file (RFC 5545): one all-day event per training or recovery day,
 * its exercises in the description. Text is escaped and lines are folded at 75 octets, so any
 * calendar application can import it.
 */
import { exerciseDose } from "../plan/render.js";
import { type Day, dayName, type Plan } from "../plan/schema.js";
import { addDays, type CivilDate, formatDate } from "./dates.js";

export interface IcsOptions {
  /** The plan's week number in the user's history. */
  readonly week: number;
  /** The date of the plan's day 1 (a Monday). */
  readonly start: CivilDate;
  /** When the file was made (ms since the epoch), for DTSTAMP. */
  readonly stamp: number;
  /** Makes event UIDs unique across users and weeks, such as the plan's creation time. */
  readonly uidSeed: string;
}

const MAX_OCTETS = 75;
const encoder = new TextEncoder();

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * Folds a content line into pieces of at most 75 octets, each continuation starting with a space.
 * A multi-byte character is never split.
 */
export function foldLine(line: string): string {
  const pieces: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = pieces.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      pieces.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  pieces.push(current);
  return pieces.join("\r\n ");
}

function basicDate(date: CivilDate): string {
  return formatDate(date).replace(/-/g, "");
}

function utcStamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;
}

function description(day: Day): string {
  const lines: string[] = [];
  if (day.warmup.length > 0) lines.push(`Warm-up: ${day.warmup.join("; ")}`);
  day.exercises.forEach((exercise, index) => {
    const note = exercise.notes ? ` (${exercise.notes})` : "";
    lines.push(`${index + 1}. ${exercise.name}: ${exerciseDose(exercise)}${note}`);
  });
  lines.push(`About ${day.minutes} min.`);
  return lines.join("\n");
}

function event(day: Day, options: IcsOptions): string[] {
  const date = addDays(options.start, day.day - 1);
  return [
    "BEGIN:VEVENT",
    `UID:fitplan-${options.uidSeed}-w${options.week}-d${day.day}@fitplan`,
    `DTSTAMP:${utcStamp(options.stamp)}`,
    `DTSTART;VALUE=DATE:${basicDate(date)}`,
    `DTEND;VALUE=DATE:${basicDate(addDays(date, 1))}`,
    `SUMMARY:${escapeText(`${day.focus} (${dayName(day.day)}, week ${options.week})`)}`,
    `DESCRIPTION:${escapeText(description(day))}`,
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
  ];
}

/** The plan as an .ics document with CRLF line endings. Rest days get no event. */
export function planToIcs(plan: Plan, options: IcsOptions): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//fitplan//weekly plan//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(plan.title)}`,
    ...plan.days.filter((day) => day.kind !== "rest").flatMap((day) => event(day, options)),
    "END:VCALENDAR",
  ];
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
