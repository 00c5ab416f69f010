/**
 * The plan checks: the single judge of every plan, from the LLM, the built-in planner or the
 * cache. Each violation carries a stable code; the pipeline repairs what it safely can and
 * replaces the rest with the built-in plan. Thresholds come from the planner's rules, with
 * tolerance where an LLM's reasonable choices differ from ours.
 */
import {
  effortRir,
  estimateDayMinutes,
  repRange,
  warmupTotalMinutes,
} from "../planner/estimate.js";
import { findExercise, hasEquipment, isContraindicated } from "../planner/library.js";
import {
  AGE_INTENSITY,
  ageBand,
  exercisesPerSession,
  hardDays,
  liftingMinutes,
  minWarmupMinutes,
  needsConditioning,
  SESSION_SET_CAP,
  WEEKLY_SETS,
  weeklyFloor,
} from "../planner/rules.js";
import { MAJOR_MUSCLES } from "../planner/types.js";
import { daySets, weekSets } from "../planner/volume.js";
import type { Profile } from "../profile/schema.js";
import { isDeloadPlan } from "../progression/deload.js";
import type { Day, Plan } from "./schema.js";

/**
 * Stable violation codes. Each is documented in docs/PROGRAMMING.md with the rule behind it.
 */
export type ViolationCode =
  | "unknown_exercise" // not in the library, even by alias
  | "equipment_unavailable" // needs equipment the profile does not have
  | "contraindicated" // loads a joint the profile says is injured
  | "day_count" // training plus recovery days differ from the days per week
  | "too_many_hard_days" // seven training days, or more than the profile's hard-day cap + 1
  | "rest_day_has_work" // a rest day lists exercises
  | "empty_training_day" // a training day without exercises
  | "session_too_long" // stated or estimated minutes over the profile's session length
  | "minutes_mismatch" // stated minutes far from the estimate
  | "warmup_short" // a training day with too little warm-up (longer from 65)
  | "volume_low" // weekly sets for a major muscle under the floor
  | "volume_high" // weekly sets for a major muscle over the experience maximum
  | "session_volume_high" // too many sets for one muscle in one session
  | "frequency_low" // a major muscle trained on fewer than two days a week
  | "consecutive_hard_days" // the same muscle trained hard on two days in a row
  | "isolation_before_compound" // a multi-joint lift after an isolation exercise
  | "too_many_exercises" // more strength exercises in a session than its minutes call for
  | "single_sets" // several lifts at one set each when there are more than 18 lifting minutes
  | "bad_effort" // a strength exercise without a readable RIR or RPE target
  | "age_intensity" // near-maximal work for a teenager or an adult of 65+
  | "missing_conditioning" // fat-loss or endurance goal without conditioning work
  | "missing_balance" // no balance or mobility work from 65
  | "missing_safety_note" // injuries without the see-a-professional note
  | "missing_supervision_note"; // a teenager's plan without the supervision note

export interface Violation {
  readonly code: ViolationCode;
  readonly message: string;
  /** The day (1 to 7) the violation is on, when it is about one day. */
  readonly day?: number;
  /** The exercise name as the plan wrote it, when it is about one exercise. */
  readonly exercise?: string;
}

export const CHECK_LIMITS = {
  overTimeFactor: 1.1, // the estimate may run 10% over; the stated minutes may not
  mismatchMinutes: 5, // stated vs estimated minutes may differ by this much...
  mismatchFactor: 0.25, // ...or by this share of the estimate, whichever is larger
  hardDayPrimarySets: 3, // direct sets that make a day "hard" for a muscle
  minFrequencySets: 0.5, // counted sets (one direct or indirect set) that make a training day
  extraExercises: 2, // strength exercises allowed beyond the planner's count for the minutes
  singleSetMinutes: 18, // lifting minutes (after warm-up and conditioning) that may be a circuit
  singleSetLifts: 2, // most multi-joint or isolation lifts at one set in a longer session
} as const;

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

function checkDays(plan: Plan, profile: Profile): Violation[] {
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

function checkVolume(plan: Plan, profile: Profile): Violation[] {
  const out: Violation[] = [];
  const week = weekSets(plan);
  const floor = weeklyFloor(profile);
  const { max } = WEEKLY_SETS[profile.experience];
  const perDay = plan.days.map((day) => ({ day, sets: daySets(day), primary: primarySets(day) }));
  const trained = plan.days.filter((day) => day.kind === "training").length;

  for (const muscle of MAJOR_MUSCLES) {
    if (week[muscle] < floor[muscle]) {
      out.push({
        code: "volume_low",
        message: `${muscle}: ${week[muscle]} weekly sets, want at least ${floor[muscle]}.`,
      });
    }
    if (week[muscle] > max) {
      out.push({
        code: "volume_high",
        message: `${muscle}: ${week[muscle]} weekly sets, more than ${max}.`,
      });
    }
    const days = perDay.filter(
      (entry) => entry.sets[muscle] >= CHECK_LIMITS.minFrequencySets,
    ).length;
    if (trained >= 2 && profile.daysPerWeek >= 2 && days < 2) {
      out.push({
        code: "frequency_low",
        message: `${muscle} is trained on ${days} day(s); want 2 or more.`,
      });
    }
    for (const { day, sets } of perDay) {
      if (sets[muscle] > SESSION_SET_CAP) {
        out.push({
          code: "session_volume_high",
          message: `${muscle}: ${sets[muscle]} sets in one session.`,
          day: day.day,
        });
      }
    }
  }

  perDay.forEach((today, index) => {
    const next = perDay[(index + 1) % perDay.length];
    if (!next || next === today) return;
    const both = MAJOR_MUSCLES.filter(
      (m) =>
        today.primary[m] >= CHECK_LIMITS.hardDayPrimarySets &&
        next.primary[m] >= CHECK_LIMITS.hardDayPrimarySets,
    );
    if (both.length > 0) {
      out.push({
        code: "consecutive_hard_days",
        message: `${both.join(", ")} trained hard on two days in a row.`,
        day: next.day.day,
      });
    }
  });
  return out;
}

/** Direct (primary) sets per major muscle in a day. */
function primarySets(day: Day): Record<(typeof MAJOR_MUSCLES)[number], number> {
  const sets = Object.fromEntries(MAJOR_MUSCLES.map((m) => [m, 0])) as Record<
    (typeof MAJOR_MUSCLES)[number],
    number
  >;
  for (const exercise of day.exercises) {
    const def = findExercise(exercise.name);
    if (!def || def.kind === "conditioning" || def.kind === "mobility") continue;
    for (const muscle of MAJOR_MUSCLES)
      if (def.primary.includes(muscle)) sets[muscle] += exercise.sets;
  }
  return sets;
}

function checkAge(plan: Plan, profile: Profile): Violation[] {
  const band = ageBand(profile.age);
  const out: Violation[] = [];
  if (band === "adult") return out;
  for (const day of plan.days) {
    for (const exercise of day.exercises) {
      const reps = exercise.reps === undefined ? undefined : repRange(exercise.reps);
      const effort = effortRir(exercise.effort);
      const heavyReps = reps !== undefined && reps[0] < AGE_INTENSITY.minReps;
      const nearFailure = effort !== undefined && effort.hardest < AGE_INTENSITY.minRir;
      if (heavyReps || nearFailure) {
        out.push({
          code: "age_intensity",
          message: `${exercise.name}: keep reps at ${AGE_INTENSITY.minReps}+ and ${AGE_INTENSITY.minRir}+ reps in reserve.`,
          day: day.day,
          exercise: exercise.name,
        });
      }
    }
  }
  if (band === "older") {
    const balanceDays = plan.days.filter(hasBalanceWork).length;
    const want = Math.min(3, profile.daysPerWeek);
    if (balanceDays < want) {
      out.push({
        code: "missing_balance",
        message: `Balance or mobility work on ${balanceDays} day(s); want ${want}.`,
      });
    }
  }
  return out;
}

const BALANCE_WORDS = /balance|single-leg stand|tandem|heel-to-toe/i;

function hasBalanceWork(day: Day): boolean {
  if (day.kind === "rest") return false;
  if (day.warmup.some((line) => BALANCE_WORDS.test(line))) return true;
  return day.exercises.some((exercise) => {
    const pattern = findExercise(exercise.name)?.pattern;
    return pattern === "balance" || pattern === "mobility";
  });
}

function checkGoal(plan: Plan, profile: Profile): Violation[] {
  if (!needsConditioning(profile)) return [];
  const days = plan.days.filter((day) =>
    day.exercises.some((exercise) => findExercise(exercise.name)?.kind === "conditioning"),
  ).length;
  const want = Math.min(2, profile.daysPerWeek);
  return days >= want
    ? []
    : [
        {
          code: "missing_conditioning",
          message: `Conditioning on ${days} day(s); want ${want} or more.`,
        },
      ];
}

const PROFESSIONAL = /physio|doctor|professional|clinician|physician|therapist|medical/i;

/** True when no note is needed (no injury) or a note says to see a professional about pain. */
export function hasSafetyNote(notes: readonly string[], profile: Profile): boolean {
  if (!profile.injuries.some((injury) => injury !== "none")) return true;
  return notes.some((note) => /pain/i.test(note) && PROFESSIONAL.test(note));
}

/** True when no note is needed (an adult) or a note asks for supervised technique practice. */
export function hasSupervisionNote(notes: readonly string[], profile: Profile): boolean {
  return ageBand(profile.age) !== "youth" || notes.some((note) => /supervis/i.test(note));
}

function checkNotes(plan: Plan, profile: Profile): Violation[] {
  const out: Violation[] = [];
  if (!hasSafetyNote(plan.notes, profile)) {
    out.push({
      code: "missing_safety_note",
      message: "Add a short note to see a professional if pain persists.",
    });
  }
  if (!hasSupervisionNote(plan.notes, profile)) {
    out.push({
      code: "missing_supervision_note",
      message: "Add a note about learning technique under supervision.",
    });
  }
  return out;
}
