/**
 * The compact line format the model writes its plan in. One item per line, fields split by "|",
 * rest days left out. It costs about a third fewer output tokens than compact JSON (see
 * docs/LLM.md) and every finished line is a finished item, which is what streaming needs.
 *
 *   T|Full body, three days
 *   D|1|training|45|Full body A          day | kind | minutes | focus
 *   W|Brisk walk 3 min;Leg swings        warm-up items split by ";"
 *   E|Goblet squat|3|8-12|90|RIR 2       name | sets | reps or "30s" | rest seconds | effort | notes?
 *   N|Add a rep each week.               a general note
 */
import type { Day, Exercise, Plan } from "../plan/schema.js";

export type FormatLine =
  | { readonly tag: "title"; readonly text: string }
  | { readonly tag: "day"; readonly day: DayHeader }
  | { readonly tag: "warmup"; readonly items: string[] }
  | { readonly tag: "exercise"; readonly exercise: Exercise }
  | { readonly tag: "note"; readonly text: string };

/** A day as its header line states it; values are unchecked until the schema sees them. */
export type DayHeader = Pick<Day, "day" | "kind" | "focus" | "minutes">;

const SEPARATOR = "|";
const SECONDS = /^(\d{1,4})\s*(?:s|sec|secs|seconds)$/i;

/** Writes a plan in the line format, the way the model is asked to. */
export function formatPlan(plan: Plan): string {
  const lines = [`T|${plan.title}`];
  for (const day of plan.days) {
    if (day.kind === "rest" && day.exercises.length === 0) continue;
    lines.push(`D|${day.day}|${day.kind}|${day.minutes}|${day.focus}`);
    if (day.warmup.length > 0) lines.push(`W|${day.warmup.join(";")}`);
    for (const exercise of day.exercises) lines.push(formatExercise(exercise));
  }
  for (const note of plan.notes) lines.push(`N|${note}`);
  return lines.join("\n");
}

function formatExercise(exercise: Exercise): string {
  const dose = exercise.reps ?? `${exercise.seconds}s`;
  const fields = [exercise.name, exercise.sets, dose, exercise.restSeconds, exercise.effort];
  if (exercise.notes) fields.push(exercise.notes);
  return `E|${fields.join(SEPARATOR)}`;
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
  const [tag, ...rest] = fields;
  const text = rest.join(` ${SEPARATOR} `);

  switch (tag?.toUpperCase()) {
    case "T":
      return text === "" ? undefined : { tag: "title", text };
    case "N":
      return text === "" ? undefined : { tag: "note", text };
    case "W":
      return { tag: "warmup", items: splitItems(rest.join(";")) };
    case "D":
      return rest.length < 3 ? undefined : { tag: "day", day: parseDay(rest) };
    case "E":
      return rest.length < 5 ? undefined : { tag: "exercise", exercise: parseExercise(rest) };
    default:
      return undefined;
  }
}

function parseDay([day, kind, minutes, ...focus]: string[]): DayHeader {
  return {
    day: toInt(day),
    kind: (kind ?? "").toLowerCase() as Day["kind"],
    minutes: toInt(minutes),
    focus: focus.join(" ") || "Training",
  };
}

function parseExercise([name, sets, dose, rest, effort, ...notes]: string[]): Exercise {
  const timed = SECONDS.exec(dose ?? "");
  const note = notes.join(" ");
  return {
    name: name ?? "",
    sets: toInt(sets),
    ...(timed ? { seconds: toInt(timed[1]) } : { reps: (dose ?? "").replace(/\s+/g, "") }),
    restSeconds: toInt((rest ?? "").replace(/\s*s(ec(ond)?s?)?$/i, "")),
    effort: effort ?? "",
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
