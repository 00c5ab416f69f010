/**
 * The plan checks: the single judge of every plan, from the LLM, the built-in planner or the
 * cache. Each violation carries a stable code; the pipeline repairs what it safely can and
 * replaces the rest with the built-in plan. Thresholds come from the planner's rules, with
 * tolerance where an LLM's reasonable choices differ from ours.
 */
import { effortRir } from "../planner/estimate.js";
import { findExercise, hasEquipment, isContraindicated } from "../planner/library.js";
import type { Profile } from "../profile/schema.js";
import type { Violation } from "./check-limits.js";
import { checkAge, checkGoal, checkNotes } from "./check-people.js";
import { checkDays } from "./check-sessions.js";
import { checkVolume } from "./check-volume.js";
import type { Plan } from "./schema.js";

export { CHECK_LIMITS, type Violation, type ViolationCode } from "./check-limits.js";
export { hasSafetyNote, hasSupervisionNote } from "./check-people.js";

/** Every violation of the plan for this profile; empty means the plan may be shown. */
export function checkPlan(plan: Plan, profile: Profile): Violation[] {
  return [
    ...checkExercises(plan, profile),
    ...checkDays(plan, profile),
    ...checkVolume(plan, profile),
    ...checkAge(plan, profile),
    ...checkGoal(plan, profile),
    ...checkNotes(plan, profile),
  ];
}

function checkExercises(plan: Plan, profile: Profile): Violation[] {
  const out: Violation[] = [];
  for (const day of plan.days) {
    for (const exercise of day.exercises) {
      const at = { day: day.day, exercise: exercise.name };
      const def = findExercise(exercise.name);
      if (!def) {
        out.push({
          code: "unknown_exercise",
          message: `"${exercise.name}" is not in the exercise library.`,
          ...at,
        });
        continue;
      }
      if (!hasEquipment(def, profile.equipment)) {
        const needs = def.equipment.join(", ");
        out.push({ code: "equipment_unavailable", message: `${def.name} needs ${needs}.`, ...at });
      }
      if (isContraindicated(def, profile.injuries)) {
        out.push({ code: "contraindicated", message: `${def.name} loads an injured area.`, ...at });
      }
      const strength = def.kind === "compound" || def.kind === "isolation" || def.kind === "core";
      if (strength && day.kind !== "rest" && !effortRir(exercise.effort)) {
        out.push({
          code: "bad_effort",
          message: `Effort "${exercise.effort}" is not an RIR or RPE target.`,
          ...at,
        });
      }
    }
  }
  return out;
}
