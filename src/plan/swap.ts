/**
 * Exercise swaps: safe alternatives to one exercise of a plan for this profile, and applying one.
 * Every option offered has been tried: the plan with it swapped in breaks no check the plan did
 * not already break. Used by "swap this exercise" on every front end and by plan repair.
 */
import { dosed } from "../planner/dose.js";
import { effortRir, estimateDayMinutes } from "../planner/estimate.js";
import { findExercise, LIBRARY } from "../planner/library.js";
import { prescription } from "../planner/rules.js";
import { constraintsFor, fits, suitability } from "../planner/select.js";
import type { ExerciseDef, Pattern } from "../planner/types.js";
import type { Profile } from "../profile/schema.js";
import { checkPlan } from "./checks.js";
import type { Exercise, Plan } from "./schema.js";

export const SWAP_LIMITS = { maxOptions: 5 } as const;

/** What an exercise is like, for finding alternatives: its library entry, or a guessed pattern. */
export type Likeness = { readonly def: ExerciseDef } | { readonly pattern: Pattern };

/**
 * Safe, available alternatives to `like` for this profile, best first: listed substitutes, then
 * the same pattern, then shared primary muscles. Names in `exclude` are left out.
 */
export function alternatives(
  like: Likeness,
  profile: Profile,
  exclude: ReadonlySet<string>,
): ExerciseDef[] {
  const c = constraintsFor(profile);
  const def = "def" in like ? like.def : undefined;
  const pattern = def?.pattern ?? ("pattern" in like ? like.pattern : undefined);
  const scored = LIBRARY.flatMap((candidate, index) => {
    if (candidate.name === def?.name || exclude.has(candidate.name) || !fits(candidate, c))
      return [];
    const listed = def ? def.substitutes.indexOf(candidate.name) : -1;
    const shared = def ? candidate.primary.filter((m) => def.primary.includes(m)).length : 0;
    const samePattern = candidate.pattern === pattern;
    const related = samePattern || shared > 0 || listed >= 0;
    if (!related || (def && candidate.kind !== def.kind && !samePattern && listed < 0)) return [];
    const score =
      (listed >= 0 ? 20 - listed : 0) +
      (samePattern ? 6 : 0) +
      shared * 3 +
      (def && candidate.kind === def.kind ? 2 : 0) +
      suitability(candidate, profile) * 0.5;
    return [{ candidate, index, score }];
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.map((entry) => entry.candidate);
}

/**
 * The exercise line for `def` in place of `old`: the same sets, and the old reps, seconds, rest
 * and effort where they suit the new exercise, else the profile's prescription.
 */
export function redose(old: Exercise, def: ExerciseDef, profile: Profile): Exercise {
  const fresh = dosed(def, old.sets, prescription(profile), profile);
  const oldDef = findExercise(old.name);
  const sameShape = oldDef !== undefined && oldDef.kind === def.kind && oldDef.timed === def.timed;
  const keepTimed = def.timed && old.seconds !== undefined;
  const keepReps = !def.timed && old.reps !== undefined && sameShape;
  const { reps: _reps, seconds: _seconds, notes: _notes, ...rest } = fresh;
  return {
    ...rest,
    ...(keepReps ? { reps: old.reps } : fresh.reps !== undefined ? { reps: fresh.reps } : {}),
    ...(keepTimed
      ? { seconds: old.seconds }
      : fresh.seconds !== undefined
        ? { seconds: fresh.seconds }
        : {}),
    restSeconds: sameShape ? old.restSeconds : fresh.restSeconds,
    effort: sameShape && effortRir(old.effort) ? old.effort : fresh.effort,
    ...(def.unilateral ? { notes: "Each side." } : {}),
  };
}

/** The plan with one exercise replaced and that day's minutes re-estimated. */
function replaced(
  plan: Plan,
  day: number,
  index: number,
  def: ExerciseDef,
  profile: Profile,
): Plan {
  return {
    ...plan,
    days: plan.days.map((d) => {
      if (d.day !== day) return d;
      const exercises = d.exercises.map((e, i) => (i === index ? redose(e, def, profile) : e));
      const next = { ...d, exercises };
      return { ...next, minutes: estimateDayMinutes(next) };
    }),
  };
}

function codes(plan: Plan, profile: Profile): Set<string> {
  return new Set(checkPlan(plan, profile).map((v) => `${v.code}:${v.day ?? ""}`));
}

/** Safe alternatives to one exercise, best first, at most five. Empty if there is no such exercise. */
export function swapOptions(
  plan: Plan,
  day: number,
  exerciseIndex: number,
  profile: Profile,
): string[] {
  const target = plan.days.find((d) => d.day === day);
  const current = target?.exercises[exerciseIndex];
  if (!target || !current) return [];
  const def = findExercise(current.name);
  if (!def) return [];
  const before = codes(plan, profile);
  const today = new Set(target.exercises.map((e) => findExercise(e.name)?.name ?? e.name));
  const options: string[] = [];
  for (const candidate of alternatives({ def }, profile, today)) {
    const after = codes(replaced(plan, day, exerciseIndex, candidate, profile), profile);
    if ([...after].every((code) => before.has(code))) options.push(candidate.name);
    if (options.length === SWAP_LIMITS.maxOptions) break;
  }
  return options;
}

/**
 * The plan with one exercise swapped for `newName`, sets kept and reps, rest and effort suited to
 * the new exercise. `newName` must be one of {@link swapOptions}; anything else is a caller bug
 * and throws a RangeError.
 */
export function applySwap(
  plan: Plan,
  day: number,
  exerciseIndex: number,
  newName: string,
  profile: Profile,
): Plan {
  const def = findExercise(newName);
  const allowed = swapOptions(plan, day, exerciseIndex, profile);
  if (!def || !allowed.includes(def.name)) {
    throw new RangeError(
      `"${newName}" is not a safe swap for day ${day}, exercise ${exerciseIndex}`,
    );
  }
  return replaced(plan, day, exerciseIndex, def, profile);
}
