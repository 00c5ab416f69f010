/**
 * The progression rules as numbers. docs/PROGRAMMING.md ("Progression") gives the reasoning and
 * sources for each.
 */
import type { Units } from "../profile/schema.js";

export const PROGRESSION = {
  deloadAfterWeeks: 5, // loading weeks before a planned deload week
  missedShare: 0.5, // under half the planned sessions done: volume is reduced, not held
  maxSessionSets: 1, // sets added per training day after "too easy"
  holdMaxSeconds: 60, // a timed hold grows to this, then stays
  holdStepSeconds: 5, // seconds added to a hold per progressing week
  deloadEffort: "RIR 3-4", // effort on a deload week
} as const;

/** Largest rise in weekly working sets the progression check allows, by how the week felt. */
export const VOLUME_CAP = {
  too_easy: 0.2, // 20% more sets
  about_right: 0.1,
  too_hard: 0,
  missed: 0, // sessions were missed: no rise
  minSets: 2, // a rise of two sets is always allowed after "too easy", however small the plan
} as const;

export type LoadGear = "barbell" | "dumbbells" | "kettlebells" | "cables";

/** The smallest sensible load step per gear, upper and lower body, in kg and lb. */
export const LOAD_STEP: Record<LoadGear, Record<"upper" | "lower", Record<Units, number>>> = {
  barbell: { upper: { kg: 2.5, lb: 5 }, lower: { kg: 5, lb: 10 } },
  dumbbells: { upper: { kg: 1, lb: 2.5 }, lower: { kg: 2, lb: 5 } }, // per hand
  kettlebells: { upper: { kg: 4, lb: 8 }, lower: { kg: 4, lb: 8 } }, // the next bell up
  cables: { upper: { kg: 2.5, lb: 5 }, lower: { kg: 5, lb: 10 } }, // one plate on the stack
};
