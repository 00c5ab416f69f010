/**
 * Civil dates (a calendar day with no time zone) for exports: the day a plan's week starts and
 * the date of each of its days.
 */

/** A calendar day; `month` runs 1 to 12. */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const DAY_MS = 86_400_000; // 1 day

function toUtcMs(date: CivilDate): number {
  return Date.UTC(date.year, date.month - 1, date.day);
}

function fromUtcMs(ms: number): CivilDate {
  const at = new Date(ms);
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** ISO weekday: Monday 1 to Sunday 7. */
export function isoWeekday(date: CivilDate): number {
  const weekday = new Date(toUtcMs(date)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** The Monday on or after `date`: plan day 1 is a Monday. */
export function mondayOnOrAfter(date: CivilDate): CivilDate {
  return addDays(date, (8 - isoWeekday(date)) % 7);
}

/** "2026-03-02". */
export function formatDate(date: CivilDate): string {
  const pad = (value: number, width: number) => String(value).padStart(width, "0");
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** The ISO week of a date, "2026-W09": weeks start on Monday and week 1 holds January 4th. */
export function isoWeek(date: CivilDate): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const yearStart = toUtcMs({ year: thursday.year, month: 1, day: 1 });
  const week = Math.floor((toUtcMs(thursday) - yearStart) / DAY_MS / 7) + 1;
  return `${thursday.year}-W${String(week).padStart(2, "0")}`;
}
