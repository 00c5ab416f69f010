/**
 * The compact line format the model writes its plan in: one item per line, fields split by "|",
 * rest days left out. Rest, effort and session minutes are left out too: they follow from the
 * profile's prescription and the exercises, so the decoder fills them (see decode.ts). That makes
 * an exercise line about a third the tokens of the same exercise in compact JSON (docs/LLM.md),
 * and every finished line is a finished item, which is what streaming needs.
 *
 *   T|Full body, three days                 title
 *   D|1|training|Full body A                day | training or recovery | focus
 *   W|Brisk walk 3 min;Leg swings           warm-up items split by ";"
 *   Goblet squat|3|8-12                     name | sets | reps, or seconds as "30s"
 *   Plank|3|30s|45|RPE 7                    ... | rest seconds | effort | note, when they differ
 *   N|Add a rep each week.                  a general note
 */
import type { Day, Exercise, Plan } from "../plan/schema.js";

/** An exercise as written: rest and effort only when the model stated them. */
export type WrittenExercise = Omit<Exercise, "restSeconds" | "effort"> &
  Partial<Pick<Exercise, "restSeconds" | "effort">>;

/** A day as its header line states it; values are unchecked until the schema sees them. */
export type DayHeader = Pick<Day, "day" | "kind" | "focus">;

export type FormatLine =
  | { readonly tag: "title"; readonly text: string }
  | { readonly tag: "day"; readonly day: DayHeader }
  | { readonly tag: "warmup"; readonly items: string[] }
  | { readonly tag: "exercise"; readonly exercise: WrittenExercise }
  | { readonly tag: "note"; readonly text: string };

const SEPARATOR = "|";
const SECONDS = /^(\d{1,4})\s*(?:s|sec|secs|seconds)$/i;

/**
 * Writes a plan in the line format. With `defaults`, rest and effort are written only where
 * they differ from them, as the model is asked to; without, always (for measurement).
 */
export function formatPlan(
  plan: Plan,
  defaults?: (exercise: Exercise) => Pick<Exercise, "restSeconds" | "effort">,
): string {
  const lines = [`T|${plan.title}`];
  for (const day of plan.days) {
    if (day.kind === "rest" && day.exercises.length === 0) continue;
    lines.push(`D|${day.day}|${day.kind}|${day.focus}`);
    if (day.warmup.length > 0) lines.push(`W|${day.warmup.join(";")}`);
    for (const exercise of day.exercises)
      lines.push(formatExercise(exercise, defaults?.(exercise)));
  }
  for (const note of plan.notes) lines.push(`N|${note}`);
  return lines.join("\n");
}

function formatExercise(
  exercise: Exercise,
  usual: Pick<Exercise, "restSeconds" | "effort"> | undefined,
): string {
  const fields: (string | number)[] = [
    exercise.name,
    exercise.sets,
    exercise.reps ?? `${exercise.seconds}s`,
  ];
  const same = usual?.restSeconds === exercise.restSeconds && usual.effort === exercise.effort;
  if (!same || exercise.notes) fields.push(exercise.restSeconds, exercise.effort);
  if (exercise.notes) fields.push(exercise.notes);
  return fields.join(SEPARATOR);
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
      return rest.length < 3 ? undefined : { tag: "exercise", exercise: parseExercise(rest) };
    default:
      return fields.length < 3 || tag.length < 2
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
    ...(timed ? { seconds: toInt(timed[1]) } : { reps: (dose ?? "").replace(/\s+/g, "") }),
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
