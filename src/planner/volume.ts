/**
 * Counting weekly work: hard sets per major muscle, a primary set counting one and a secondary
 * set half. Only strength work counts (compound, isolation and core exercises), on any day.
 */
import type { Day, Plan } from "../plan/schema.js";
import { findExercise } from "./library.js";
import { MAJOR_MUSCLES, type MajorMuscle } from "./types.js";

export type MuscleSets = Record<MajorMuscle, number>;

export function emptySets(): MuscleSets {
  return Object.fromEntries(MAJOR_MUSCLES.map((muscle) => [muscle, 0])) as MuscleSets;
}

const MAJOR: ReadonlySet<string> = new Set(MAJOR_MUSCLES);

/** What one set of an exercise adds to each major muscle; empty for unknown or non-strength work. */
export function setContribution(name: string): Partial<MuscleSets> {
  const def = findExercise(name);
  if (!def || def.kind === "conditioning" || def.kind === "mobility") return {};
  const out: Partial<MuscleSets> = {};
  for (const muscle of def.primary) if (MAJOR.has(muscle)) out[muscle as MajorMuscle] = 1;
  for (const muscle of def.secondary) {
    if (MAJOR.has(muscle) && out[muscle as MajorMuscle] === undefined) {
      out[muscle as MajorMuscle] = 0.5;
    }
  }
  return out;
}

/** Counted sets per major muscle in one day. */
export function daySets(day: Day): MuscleSets {
  const total = emptySets();
  for (const exercise of day.exercises) {
    const share = setContribution(exercise.name);
    for (const muscle of MAJOR_MUSCLES) total[muscle] += (share[muscle] ?? 0) * exercise.sets;
  }
  return total;
}

/** Counted sets per major muscle over the week. */
export function weekSets(plan: Plan): MuscleSets {
  const total = emptySets();
  for (const day of plan.days) {
    const sets = daySets(day);
    for (const muscle of MAJOR_MUSCLES) total[muscle] += sets[muscle];
  }
  return total;
}
