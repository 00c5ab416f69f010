/** Plan checks of each training day: count, order, shape, length and spacing. */
import { estimateDayMinutes, warmupTotalMinutes } from "../planner/estimate.js";
import { findExercise } from "../planner/library.js";
import {
  exercisesPerSession,
  hardDays,
  liftingMinutes,
  minWarmupMinutes,
} from "../planner/rules.js";
import type { Profile } from "../profile/schema.js";
import { isDeloadPlan } from "../progression/deload.js";
import { CHECK_LIMITS, type Violation } from "./check-limits.js";
import type { Day, Plan } from "./schema.js";

/**
 * The week's days: how many are active and how many hard, rest days empty, and each training
 * day's time, order and shape.
 */
export function checkDays(plan: Plan, profile: Profile): Violation[] {
  const out: Violation[] = [];
  const active = plan.days.filter((day) => day.kind !== "rest").length;
  if (active !== profile.daysPerWeek) {
    out.push({
      code: "day_count",
      message: `${active} active days, expected ${profile.daysPerWeek}.`,
    });
  }
  const training = plan.days.filter((day) => day.kind === "training").length;
  if (training >= 7 || training > hardDays(profile) + 1) {
    out.push({
      code: "too_many_hard_days",
      message: `${training} training days is too many; use active recovery.`,
    });
  }

  for (const day of plan.days) {
    if (day.kind === "rest" && day.exercises.length > 0) {
      out.push({ code: "rest_day_has_work", message: "A rest day lists exercises.", day: day.day });
    }
    if (day.kind === "training" && day.exercises.length === 0) {
      out.push({
        code: "empty_training_day",
        message: "A training day has no exercises.",
        day: day.day,
      });
    }
    if (day.kind === "rest") continue;
    out.push(...checkTime(day, profile), ...checkOrder(day));
    if (day.kind === "training") out.push(...checkShape(day, profile, isDeloadPlan(plan)));
    if (day.kind === "training" && warmupTotalMinutes(day.warmup) < minWarmupMinutes(profile)) {
      const need = minWarmupMinutes(profile);
      out.push({
        code: "warmup_short",
        message: `Warm up for at least ${need} minutes.`,
        day: day.day,
      });
    }
  }
  return out;
}

function checkTime(day: Day, profile: Profile): Violation[] {
  const estimate = estimateDayMinutes(day);
  const out: Violation[] = [];
  if (day.minutes > profile.minutes || estimate > profile.minutes * CHECK_LIMITS.overTimeFactor) {
    out.push({
      code: "session_too_long",
      message: `About ${Math.max(estimate, day.minutes)} minutes, over the ${profile.minutes} available.`,
      day: day.day,
    });
  }
  const slack = Math.max(CHECK_LIMITS.mismatchMinutes, estimate * CHECK_LIMITS.mismatchFactor);
  if (Math.abs(day.minutes - estimate) > slack) {
    out.push({
      code: "minutes_mismatch",
      message: `Says ${day.minutes} minutes; the work adds up to about ${estimate}.`,
      day: day.day,
    });
  }
  return out;
}

function checkOrder(day: Day): Violation[] {
  let isolationSeen: string | undefined;
  for (const exercise of day.exercises) {
    const kind = findExercise(exercise.name)?.kind;
    if (kind === "isolation") isolationSeen ??= exercise.name;
    if (kind === "compound" && isolationSeen !== undefined) {
      return [
        {
          code: "isolation_before_compound",
          message: `${exercise.name} comes after the isolation exercise ${isolationSeen}.`,
          day: day.day,
          exercise: exercise.name,
        },
      ];
    }
  }
  return [];
}

const LIFT_KINDS: ReadonlySet<string> = new Set(["compound", "isolation", "core"]);

/**
 * How a session reads: a handful of exercises for its minutes, most of them for several sets.
 * A deload week halves sets on purpose, so its single sets are not held against it.
 */
function checkShape(day: Day, profile: Profile, deload: boolean): Violation[] {
  const out: Violation[] = [];
  const lifts = day.exercises.filter((e) => LIFT_KINDS.has(findExercise(e.name)?.kind ?? ""));
  const most = exercisesPerSession(profile) + CHECK_LIMITS.extraExercises;
  if (lifts.length > most) {
    out.push({
      code: "too_many_exercises",
      message: `${lifts.length} strength exercises; ${profile.minutes} minutes hold at most ${most}.`,
      day: day.day,
    });
  }
  const singles = lifts.filter((e) => e.sets === 1 && findExercise(e.name)?.kind !== "core");
  if (
    !deload &&
    liftingMinutes(profile) > CHECK_LIMITS.singleSetMinutes &&
    singles.length > CHECK_LIMITS.singleSetLifts
  ) {
    out.push({
      code: "single_sets",
      message: `${singles.length} exercises at one set; give fewer exercises two or more sets.`,
      day: day.day,
    });
  }
  return out;
}
