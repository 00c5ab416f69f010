/**
 * Double progression for one exercise: reps climb through the prescribed range at the same load,
 * and when every set reaches the top, the load goes up by the smallest step for its equipment and
 * the reps start again at the bottom. Timed holds grow by a few seconds instead.
 */
import type { Exercise } from "../plan/schema.js";
import { repRange } from "../planner/estimate.js";
import type { Prescription } from "../planner/rules.js";
import type { ExerciseDef } from "../planner/types.js";
import type { Units } from "../profile/schema.js";
import { LOAD_STEP, type LoadGear, PROGRESSION } from "./rules.js";

/** What the week asks of an exercise: move forward (faster when too easy), repeat, or deload. */
export type Move = "progress" | "fast" | "hold" | "deload";

const LOWER_PATTERNS = new Set(["squat", "hinge", "lunge", "carry"]);

/** Gear whose load can be raised in small steps, recognised by the exercise's name. */
const LOADED_BY_NAME: readonly [LoadGear, RegExp][] = [
  ["barbell", /barbell|landmine|trap bar/i],
  ["dumbbells", /dumbbell/i],
  ["kettlebells", /kettlebell/i],
  ["cables", /cable|machine|pulldown|leg press|pushdown/i],
];

/**
 * The next load for an exercise, as words: "add 2.5 kg", "use a stronger band", ... Core work and
 * exercises that use gear only as a fixture (an inverted row under a bar) get harder instead.
 */
export function loadStep(def: ExerciseDef, units: Units): string {
  const gear = LOADED_BY_NAME.find(
    ([candidate, pattern]) => def.equipment.includes(candidate) && pattern.test(def.name),
  )?.[0];
  if (gear && def.kind !== "core") {
    const half = LOWER_PATTERNS.has(def.pattern) ? "lower" : "upper";
    const step = LOAD_STEP[gear][half][units];
    if (gear === "dumbbells") return `add ${step} ${units} per dumbbell`;
    if (gear === "kettlebells") return `move to the next kettlebell (about +${step} ${units})`;
    return `add ${step} ${units}`;
  }
  if (def.equipment.includes("bands") && def.kind !== "core") return "use a stronger band";
  return "make it harder: a harder variation, or a 3-second lowering";
}

function withNote(def: ExerciseDef, note: string): string {
  return [def.unilateral ? "Each side." : "", note].filter(Boolean).join(" ").slice(0, 200);
}

/**
 * Moves one exercise on by a week. `template` carries this week's prescription (rest, effort,
 * sets); `previous` is last week's version of the same exercise, when there was one.
 */
export function progressExercise(
  template: Exercise,
  previous: Exercise | undefined,
  def: ExerciseDef,
  rx: Prescription,
  units: Units,
  move: Move,
): Exercise {
  const sets = previous?.sets ?? template.sets;
  if (def.timed || template.seconds !== undefined) {
    const seconds = previous?.seconds ?? template.seconds ?? 30;
    const grown =
      move === "progress" || move === "fast"
        ? Math.min(PROGRESSION.holdMaxSeconds, seconds + PROGRESSION.holdStepSeconds)
        : seconds;
    return deloaded({ ...template, sets, seconds: Math.max(seconds, grown) }, move);
  }

  const range = repRange((def.kind === "compound" ? rx.compound : rx.isolation).reps);
  if (!range) return deloaded({ ...template, sets }, move);
  const [low, high] = range;
  const lastFloor = (previous?.reps && repRange(previous.reps)?.[0]) || low;
  const floor = Math.min(high, Math.max(low, lastFloor));
  const step = Math.max(1, Math.round((high - low) / 2)) * (move === "fast" ? 2 : 1);
  const load = loadStep(def, units);

  if (move === "hold" || move === "deload" || !previous) {
    const reps = floor >= high ? String(high) : `${floor}-${high}`;
    const note = !previous
      ? `Reps first: when every set reaches ${high}, ${load}.`
      : move === "deload"
        ? "Deload: last week's load, fewer sets, stop well short of failure."
        : `Repeat last week's load; when every set reaches ${high}, ${load}.`;
    return deloaded({ ...template, sets, reps, notes: withNote(def, note) }, move);
  }
  if (floor >= high) {
    const note = `${capitalise(load)} this week and start again at ${low} reps.`;
    return { ...template, sets, reps: `${low}-${high}`, notes: withNote(def, note) };
  }
  const next = Math.min(high, floor + step);
  const reps = next >= high ? String(high) : `${next}-${high}`;
  const note =
    next >= high
      ? `Same load as last week; get every set to ${high} reps, then ${load}.`
      : `Same load as last week, at least ${next} reps a set; when every set reaches ${high}, ${load}.`;
  return { ...template, sets, reps, notes: withNote(def, note) };
}

function deloaded(exercise: Exercise, move: Move): Exercise {
  if (move !== "deload") return exercise;
  return {
    ...exercise,
    sets: Math.max(1, Math.ceil(exercise.sets / 2)),
    effort: PROGRESSION.deloadEffort,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
