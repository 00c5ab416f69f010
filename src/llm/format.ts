/**
 * The compact line format the model writes its plan in: one item per line, fields split by "|",
 * rest days left out. The model writes only what it chooses (days, exercises, sets); doses,
 * warm-ups, minutes and the standard notes follow from the profile and are filled in by the
 * decoder (decode.ts). Every finished line is a finished item, which is what streaming needs.
 *
 *   T|Full body, three days                 title
 *   D|1|training|Full body A                day | training or recovery | focus
 *   Goblet squat|3                          name | sets
 *   Plank|3|45s|45|RPE 7|Hips level         ... | reps or "30s" | rest seconds | effort | note,
 *                                           each only when it differs from the usual dose
 *   N|Walk on rest days.                    a note of the model's own
 *
 * Warm-up lines ("W|a;b") are the one item the model may write that is dropped: warm-ups are the
 * planner's, sized to the checks.
 */
import type { Day, Exercise, Plan } from "../plan/schema.js";

/** An exercise as written: only name and sets are sure to be there. */
export type WrittenExercise = Pick<Exercise, "name" | "sets"> &
  Partial<Omit<Exercise, "name" | "sets">>;

/** A day as its header line states it; values are unchecked until the schema sees them. */
export type DayHeader = Pick<Day, "day" | "kind" | "focus">;

export type FormatLine =
  | { readonly tag: "title"; readonly text: string }
  | { readonly tag: "day"; readonly day: DayHeader }
  | { readonly tag: "warmup"; readonly items: string[] }
  | { readonly tag: "exercise"; readonly exercise: WrittenExercise }
  | { readonly tag: "note"; readonly text: string };

/** What the decoder would fill in, so that a writer can leave it out. */
export interface Usual {
  exercise(exercise: Exercise, kind: Day["kind"]): Exercise;
  readonly notes: readonly string[];
}

const SEPARATOR = "|";
const SECONDS = /^(\d{1,4})\s*(?:s|sec|secs|seconds)$/i;

/**
 * Writes a plan in the line format. With `usual`, only what differs from it is written, as the
 * model is asked to; without, every field and the warm-ups (to measure the format's full size).
 */
export function formatPlan(plan: Plan, usual?: Usual): string {
  const lines = [`T|${plan.title}`];
  for (const day of plan.days) {
    if (day.kind === "rest" && day.exercises.length === 0) continue;
    lines.push(`D|${day.day}|${day.kind}|${day.focus}`);
    if (!usual && day.warmup.length > 0) lines.push(`W|${day.warmup.join(";")}`);
    for (const exercise of day.exercises) {
      lines.push(formatExercise(exercise, usual?.exercise(exercise, day.kind)));
    }
  }
  for (const note of plan.notes) if (!usual?.notes.includes(note)) lines.push(`N|${note}`);
  return lines.join("\n");
}

function formatExercise(exercise: Exercise, usual: Exercise | undefined): string {
  const dose = (e: Exercise) => e.reps ?? `${e.seconds}s`;
  const optional = [dose(exercise), exercise.restSeconds, exercise.effort, exercise.notes ?? ""];
  const expected = usual && [dose(usual), usual.restSeconds, usual.effort, usual.notes ?? ""];
  let keep = optional.length;
  while (keep > 0 && expected && optional[keep - 1] === expected[keep - 1]) keep -= 1;
  if (!expected) keep = exercise.notes ? 4 : 3;
  return [exercise.name, exercise.sets, ...optional.slice(0, keep)].join(SEPARATOR);
}

/**
 * Reads one line. Returns undefined for anything that is not a plan line (a greeting, a code
 * fence, a blank line). Numbers that do not parse stay NaN, so the plan schema rejects them
 * rather than this parser guessing.
 */
export function parseLine(raw: string): FormatLine | undefined {
  const fields = raw
    .trim()
    .split(SEPARATOR)
    .map((field) => field.trim());
  const [tag = "", ...rest] = fields;
  const text = rest.join(` ${SEPARATOR} `);

  switch (tag.toUpperCase()) {
    case "T":
      return text === "" ? undefined : { tag: "title", text };
    case "N":
      return text === "" ? undefined : { tag: "note", text };
    case "W":
      return { tag: "warmup", items: splitItems(rest.join(";")) };
    case "D":
      return rest.length < 2 ? undefined : { tag: "day", day: parseDay(rest) };
    case "E": // tolerated: an exercise line with a tag
      return rest.length < 2 ? undefined : { tag: "exercise", exercise: parseExercise(rest) };
    default:
      return fields.length < 2 || tag.length < 2 || !/^\d/.test(fields[1] ?? "")
        ? undefined
        : { tag: "exercise", exercise: parseExercise(fields) };
  }
}

function parseDay([day, kind, ...focus]: string[]): DayHeader {
  // A header in the older shape "day|kind|minutes|focus" keeps its focus.
  const words = focus.length > 1 && /^\d+$/.test(focus[0] ?? "") ? focus.slice(1) : focus;
  return {
    day: toInt(day),
    kind: (kind ?? "").toLowerCase() as Day["kind"],
    focus: words.join(" ") || "Training",
  };
}

function parseExercise([name, sets, dose, rest, effort, ...notes]: string[]): WrittenExercise {
  const timed = SECONDS.exec(dose ?? "");
  const note = notes.join(" ");
  return {
    name: name ?? "",
    sets: toInt(sets),
    ...(timed ? { seconds: toInt(timed[1]) } : dose ? { reps: dose.replace(/\s+/g, "") } : {}),
    ...(rest ? { restSeconds: toInt(rest.replace(/\s*s(ec(ond)?s?)?$/i, "")) } : {}),
    ...(effort ? { effort } : {}),
    ...(note === "" ? {} : { notes: note }),
  };
}

function splitItems(text: string): string[] {
  return text
    .split(";")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function toInt(text: string | undefined): number {
  return text !== undefined && /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
}
