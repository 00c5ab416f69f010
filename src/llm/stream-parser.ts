/**
 * Reads the model's answer as it streams, one finished line at a time. Only a finished line
 * becomes an item, so a half-written exercise or number never reaches the screen. Partial views
 * hold only items that pass the plan schema; the candidate at the end holds everything the model
 * wrote, so that enforce, not this parser, decides whether the plan is good.
 */
import type { Day, Exercise, PartialPlan } from "../plan/schema.js";
import { DaySchema, ExerciseSchema } from "../plan/schema.js";
import type { Decoder } from "./decode.js";
import { type DayHeader, parseLine } from "./format.js";

export interface PlanStreamParser {
  /** Feeds more text. Returns true when at least one new item was finished. */
  push(text: string): boolean;
  /** The plan so far: finished days, the day being written with its finished exercises. */
  partial(): PartialPlan;
  /** Ends the stream, reading a last line that had no newline after it when `complete`. */
  finish(complete: boolean): ParsedAnswer;
}

export interface ParsedAnswer {
  /** The plan as written, rest days filled in. Unchecked. */
  readonly candidate: unknown;
  /** How many lines were plan items. */
  readonly items: number;
  readonly days: number;
  /** Whether the model reached the notes, which come after the last day. */
  readonly reachedNotes: boolean;
  /** Lines dropped because they repeated the instructions. */
  readonly leaked: number;
  /** Everything the model wrote, for refusal detection. */
  readonly text: string;
}

interface DayDraft {
  header: DayHeader;
  exercises: Exercise[];
}

const DEFAULT_TITLE = "Your training week";
const WEEK = 7;

/**
 * @param decoder fills what the line format leaves out.
 * @param isLeak says whether a line repeats the instructions; such lines are dropped unseen.
 */
export function createPlanStreamParser(
  decoder: Decoder,
  isLeak: (line: string) => boolean,
): PlanStreamParser {
  let buffer = "";
  let text = "";
  let title: string | undefined;
  const days: DayDraft[] = [];
  const notes: string[] = [];
  let items = 0;
  let leaked = 0;

  function toDay(draft: DayDraft): Day {
    const day = {
      ...draft.header,
      warmup: decoder.warmup(draft.header),
      exercises: draft.exercises,
    };
    return { ...day, minutes: decoder.minutes(day) };
  }

  /** The day with only its valid exercises, or undefined when the header itself is invalid. */
  function validDay(draft: DayDraft): Day | undefined {
    const exercises = draft.exercises.filter(
      (exercise) => ExerciseSchema.safeParse(exercise).success,
    );
    const parsed = DaySchema.safeParse(toDay({ ...draft, exercises }));
    return parsed.success ? parsed.data : undefined;
  }

  function take(line: string): boolean {
    const parsed = parseLine(line);
    if (parsed === undefined) return false;
    if (isLeak(line)) {
      leaked += 1;
      return false;
    }
    const current = days.at(-1);
    switch (parsed.tag) {
      case "title":
        title ??= parsed.text;
        break;
      case "day":
        days.push({ header: parsed.day, exercises: [] });
        break;
      case "warmup":
        return false;
      case "exercise":
        if (!current) return false;
        current.exercises.push(decoder.exercise(parsed.exercise, current.header.kind));
        break;
      case "note":
        notes.push(parsed.text);
        break;
    }
    items += 1;
    return true;
  }

  return {
    push(chunk) {
      text += chunk;
      buffer += chunk;
      let finished = false;
      let newline = buffer.indexOf("\n");
      while (newline !== -1) {
        finished = take(buffer.slice(0, newline)) || finished;
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf("\n");
      }
      return finished;
    },

    partial() {
      const valid = days.map(validDay).filter((day): day is Day => day !== undefined);
      const inOrder = valid.every(
        (day, index) => index === 0 || day.day > (valid[index - 1]?.day ?? 0),
      );
      return {
        ...(title === undefined ? {} : { title }),
        days: inOrder ? fillRestDays(valid, valid.at(-1)?.day ?? 0) : valid,
        ...(notes.length === 0 ? {} : { notes: [...notes] }),
      };
    },

    finish(complete) {
      if (complete && buffer.trim() !== "") take(buffer);
      buffer = "";
      return {
        candidate: {
          title: title ?? DEFAULT_TITLE,
          days: candidateDays(days.map(toDay)),
          notes: decoder.notes(notes),
        },
        items,
        days: days.length,
        reachedNotes: notes.length > 0,
        leaked,
        text,
      };
    },
  };
}

/**
 * Rest days are left out of the answer and filled in here. Days that are duplicated, out of range
 * or out of order are passed through as written, for the schema to reject.
 */
function candidateDays(written: Day[]): Day[] {
  const numbers = written.map((day) => day.day);
  const wellFormed = numbers.every(
    (day, index) =>
      Number.isInteger(day) &&
      day >= 1 &&
      day <= WEEK &&
      (index === 0 || day > (numbers[index - 1] ?? 0)),
  );
  return wellFormed ? fillRestDays(written, WEEK) : written;
}

function fillRestDays(written: readonly Day[], through: number): Day[] {
  const byNumber = new Map(written.map((day) => [day.day, day]));
  const filled: Day[] = [];
  for (let day = 1; day <= through; day += 1) filled.push(byNumber.get(day) ?? restDay(day));
  return filled;
}

function restDay(day: number): Day {
  return { day, kind: "rest", focus: "Rest", warmup: [], exercises: [], minutes: 0 };
}
