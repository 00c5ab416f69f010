/**
 * The progression check: next week's working sets may not jump past a share of last week's. It
 * judges every re-plan, from the LLM or the built-in planner, beside the plan checks.
 */
import type { Feedback } from "../pipeline/types.js";
import type { Plan } from "../plan/schema.js";
import { findExercise } from "../planner/library.js";
import { isDeloadPlan } from "./deload.js";
import { VOLUME_CAP } from "./rules.js";

export interface ProgressionViolation {
  readonly code: "volume_jump";
  readonly message: string;
}

const WORK_KINDS = new Set(["compound", "isolation", "core"]);

/** Working sets in a week: strength and core exercises on any day. */
export function weeklySets(plan: Plan): number {
  let sets = 0;
  for (const day of plan.days) {
    for (const exercise of day.exercises) {
      const kind = findExercise(exercise.name)?.kind;
      if (kind ? WORK_KINDS.has(kind) : exercise.reps !== undefined) sets += exercise.sets;
    }
  }
  return sets;
}

function trainingDays(plan: Plan): number {
  return plan.days.filter((day) => day.kind === "training").length;
}

/**
 * Violations of the volume cap. The cap depends on the feedback: no rise after a hard week or
 * missed sessions, a little after "about right", more after "too easy". It scales with the number
 * of training days when the user adds days, and does not apply on the way back from a deload.
 */
export function checkProgression(
  previous: Plan,
  next: Plan,
  feedback: Feedback,
): ProgressionViolation[] {
  if (isDeloadPlan(previous)) return [];
  const before = weeklySets(previous);
  const after = weeklySets(next);
  const missed = feedback.sessionsDone < trainingDays(previous);
  const share = missed ? VOLUME_CAP.missed : VOLUME_CAP[feedback.rating];
  const days = Math.max(1, trainingDays(next) / Math.max(1, trainingDays(previous)));
  const rise =
    feedback.rating === "too_easy" && !missed
      ? Math.max(VOLUME_CAP.minSets, before * share)
      : before * share;
  const allowed = Math.floor((before + rise) * days + 1e-9);
  if (after <= allowed) return [];
  return [
    {
      code: "volume_jump",
      message: `Weekly sets rise from ${before} to ${after}; at most ${allowed} are allowed after this week's feedback.`,
    },
  ];
}
