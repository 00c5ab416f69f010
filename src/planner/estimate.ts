/**
 * How long a session takes, and how hard its sets are, read from the plan itself. The planner
 * sizes sessions with these and the plan checks judge with the same numbers.
 */
import type { Day, Exercise } from "../plan/schema.js";
import { findExercise } from "./library.js";

export const TIMING = {
  secondsPerRep: 3, // a controlled rep, both directions
  transitionSeconds: 30, // moving to the next exercise and setting up
  warmupLineSeconds: 60, // a warm-up line that names no duration
} as const;

/** The low and high end of a rep prescription: "8" is 8-8, "8-12" is 8-12. */
export function repRange(reps: string): readonly [number, number] | undefined {
  const match = /^(\d{1,3})(?:-(\d{1,3}))?$/.exec(reps.trim());
  if (!match) return undefined;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  return [Math.min(low, high), Math.max(low, high)];
}

/** An effort target read as reps in reserve (RPE 8 is RIR 2), hardest end of a range first. */
export function effortRir(effort: string): { hardest: number; easiest: number } | undefined {
  const match = /^\s*(RIR|RPE)\s*(\d+(?:\.\d+)?)(?:\s*(?:-|–|to)\s*(\d+(?:\.\d+)?))?\s*$/i.exec(
    effort,
  );
  if (!match) return undefined;
  const a = Number(match[2]);
  const b = match[3] === undefined ? a : Number(match[3]);
  const isRpe = match[1]?.toUpperCase() === "RPE";
  const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
  return isRpe ? { hardest: 10 - hi, easiest: 10 - lo } : { hardest: lo, easiest: hi };
}

/** Seconds of work in one set, both sides for unilateral exercises. */
export function workSeconds(exercise: Exercise): number {
  const def = findExercise(exercise.name);
  const sides = def?.unilateral ? 2 : 1;
  if (exercise.seconds !== undefined) return exercise.seconds * sides;
  const range = exercise.reps === undefined ? undefined : repRange(exercise.reps);
  const reps = range ? (range[0] + range[1]) / 2 : 10;
  return reps * TIMING.secondsPerRep * sides;
}

/** Seconds one exercise takes: sets times (work plus rest), plus the changeover. */
export function exerciseSeconds(exercise: Exercise): number {
  return exercise.sets * (workSeconds(exercise) + exercise.restSeconds) + TIMING.transitionSeconds;
}

/** Minutes of one warm-up line: the duration it names ("3 min", "5-8 minutes"), else one. */
export function warmupLineMinutes(line: string): number {
  const match = /(\d+)(?:\s*(?:-|–|to)\s*(\d+))?\s*(?:min|minute)/i.exec(line);
  if (!match) return TIMING.warmupLineSeconds / 60;
  return Number(match[2] ?? match[1]);
}

export function warmupTotalMinutes(warmup: readonly string[]): number {
  return warmup.reduce((sum, line) => sum + warmupLineMinutes(line), 0);
}

/**
 * A day's estimated length in whole minutes: warm-up, then for each exercise its sets times
 * (work plus rest), plus a changeover between exercises. Rest days are zero.
 */
export function estimateDayMinutes(day: Day): number {
  if (day.kind === "rest" && day.exercises.length === 0) return 0;
  const seconds = day.exercises.reduce((sum, exercise) => sum + exerciseSeconds(exercise), 0);
  return Math.ceil(warmupTotalMinutes(day.warmup) + seconds / 60);
}
