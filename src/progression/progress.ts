/**
 * Next week's plan from last week's: the planner's fresh plan for the (possibly changed) profile
 * gives the week's shape, and last week's exercises carry over where the shape still matches, so
 * loads and reps can build week on week. Pure and deterministic.
 */
import type { ReplanInput } from "../pipeline/types.js";
import { checkPlan } from "../plan/checks.js";
import type { Day, Exercise, Plan } from "../plan/schema.js";
import { estimateDayMinutes } from "../planner/estimate.js";
import { findExercise, isAllowed, normalizeName } from "../planner/library.js";
import { type Prescription, prescription } from "../planner/rules.js";
import type { Profile } from "../profile/schema.js";
import { checkProgression } from "./check.js";
import { isDeloadPlan } from "./deload.js";
import { type Move, progressExercise } from "./exercise.js";
import { PROGRESSION } from "./rules.js";

/** What the week as a whole does, decided from the feedback. */
export type WeekDecision = "deload" | "reduce" | "hold" | "progress" | "volume_up";

export function decideWeek(input: ReplanInput): WeekDecision {
  const { feedback } = input;
  if (input.hardWeeks >= PROGRESSION.deloadAfterWeeks) return "deload";
  if (feedback.rating === "too_hard" && input.previousRating === "too_hard") return "deload";
  const planned = input.previous.days.filter((day) => day.kind === "training").length;
  if (feedback.rating === "too_hard" || feedback.sessionsDone < planned * PROGRESSION.missedShare) {
    return "reduce";
  }
  if (feedback.sessionsDone < planned) return "hold";
  return feedback.rating === "too_easy" ? "volume_up" : "progress";
}

const MOVE: Record<WeekDecision, Move> = {
  deload: "deload",
  reduce: "hold",
  hold: "hold",
  progress: "progress",
  volume_up: "fast",
};

const STRENGTH_KINDS = new Set(["compound", "isolation", "core"]);

function carryDay(
  base: Day,
  previous: Day | undefined,
  context: {
    profile: Profile;
    rx: Prescription;
    move: Move;
    painful: Set<string>;
    restore: boolean;
  },
): Day {
  if (base.kind !== "training" || previous?.kind !== "training") return base;
  if (previous.exercises.length !== base.exercises.length) return base;
  const exercises = base.exercises.map((fresh, index): Exercise => {
    const last = previous.exercises[index];
    const lastDef = last ? findExercise(last.name) : undefined;
    const keep =
      last &&
      lastDef &&
      isAllowed(lastDef, context.profile) &&
      !context.painful.has(normalizeName(last.name)) &&
      lastDef.kind === findExercise(fresh.name)?.kind;
    const chosen = keep ? last : fresh;
    const def = findExercise(chosen.name);
    if (!def || !STRENGTH_KINDS.has(def.kind)) return fresh;
    const template = chosen.name === fresh.name ? fresh : { ...chosen, sets: fresh.sets };
    const before = keep ? { ...last, ...(context.restore ? { sets: fresh.sets } : {}) } : undefined;
    return progressExercise(template, before, def, context.rx, context.profile.units, context.move);
  });
  const day = { ...base, exercises };
  return { ...day, minutes: estimateDayMinutes(day) };
}

function withMinutes(day: Day): Day {
  return { ...day, minutes: estimateDayMinutes(day) };
}

/**
 * Higher reps take longer: a carried day that now runs over its minutes gives up sets, from the
 * last strength exercise back and never below two, rather than losing its progression.
 */
function fitToTime(day: Day, minutes: number): Day {
  let current = withMinutes(day);
  for (let guard = 0; current.minutes > minutes && guard < 40; guard += 1) {
    const index = current.exercises.findLastIndex(
      (exercise) =>
        exercise.sets > 2 && STRENGTH_KINDS.has(findExercise(exercise.name)?.kind ?? ""),
    );
    if (index < 0) break;
    const exercises = current.exercises.map((exercise, i) =>
      i === index ? { ...exercise, sets: exercise.sets - 1 } : exercise,
    );
    current = withMinutes({ ...current, exercises });
  }
  return current;
}

/** Adds or removes one set per training day where the plan checks still pass. */
function adjustSets(plan: Plan, profile: Profile, delta: 1 | -1, maxSets: number): Plan {
  let current = plan;
  for (const day of plan.days) {
    if (day.kind !== "training") continue;
    const order = day.exercises
      .map((exercise, index) => ({ exercise, index }))
      .filter(({ exercise }) => STRENGTH_KINDS.has(findExercise(exercise.name)?.kind ?? ""))
      .sort((a, b) => (a.exercise.sets - b.exercise.sets) * delta || a.index - b.index);
    const baseline = checkPlan(current, profile).length;
    for (const { exercise, index } of order) {
      const sets = exercise.sets + delta;
      if (sets < 1 || sets > maxSets) continue;
      const exercises = day.exercises.map((e, i) => (i === index ? { ...e, sets } : e));
      const changed = withMinutes({ ...day, exercises });
      const candidate = {
        ...current,
        days: current.days.map((d) => (d.day === day.day ? changed : d)),
      };
      if (checkPlan(candidate, profile).length <= baseline) {
        current = candidate;
        break;
      }
    }
  }
  return current;
}

function summary(decision: WeekDecision, week: number): string {
  const lines: Record<WeekDecision, string> = {
    deload: `Week ${week} is a deload week: the same exercises and loads with about half the sets, so your body can catch up. Normal training resumes next week.`,
    reduce: `Week ${week} eases off: last week was hard or short, so loads stay the same and there are fewer sets.`,
    hold: `Week ${week} repeats last week's loads and reps, since some sessions were missed.`,
    progress: `Week ${week} builds on last week: a few more reps at the same load, and more load once you reach the top of the range.`,
    volume_up: `Week ${week} moves on faster: last week felt easy, so reps climb quicker and there is a little more volume.`,
  };
  return lines[decision];
}

/**
 * Next week's plan. `base` is the planner's plan for the profile, already without the exercises
 * reported painful. Days whose progressed form breaks a plan check fall back to `base`.
 */
export function progressPlan(base: Plan, input: ReplanInput, profile: Profile): Plan {
  const decision = decideWeek(input);
  const rx = prescription(profile);
  const painful = new Set(input.feedback.painful.map(normalizeName));
  const context = {
    profile,
    rx,
    move: MOVE[decision],
    painful,
    restore: isDeloadPlan(input.previous),
  };
  let plan: Plan = {
    ...base,
    days: base.days.map((day, index) =>
      fitToTime(carryDay(day, input.previous.days[index], context), profile.minutes),
    ),
  };
  if (decision === "volume_up") plan = adjustSets(plan, profile, 1, rx.maxSets);
  if (decision === "reduce") plan = adjustSets(plan, profile, -1, rx.maxSets);
  // The title says "deload" before the checks run, since they allow a deload week its lighter sets.
  const title = `Week ${input.week}${decision === "deload" ? ", deload" : ""}: ${base.title}`.slice(
    0,
    100,
  );
  plan = { ...plan, title };

  // Safety net: a day the checks object to, and the base plan does not, is the base day.
  const baseProblems = new Set(checkPlan(base, profile).map((v) => `${v.code}:${v.day ?? ""}`));
  const broken = new Set(
    checkPlan(plan, profile)
      .filter((v) => !baseProblems.has(`${v.code}:${v.day ?? ""}`))
      .map((v) => v.day ?? 0),
  );
  if (broken.has(0)) plan = { ...base, title };
  else if (broken.size > 0) {
    plan = {
      ...plan,
      days: plan.days.map((day, i) => (broken.has(day.day) ? (base.days[i] ?? day) : day)),
    };
  }
  plan = trimToCap(plan, input, profile);

  const notes = base.notes.length < 8 ? [summary(decision, input.week), ...base.notes] : base.notes;
  return { ...plan, title, notes };
}

/** Removes sets, first from the largest, until the progression check passes or nothing gives. */
function trimToCap(plan: Plan, input: ReplanInput, profile: Profile): Plan {
  let current = plan;
  for (let guard = 0; guard < 50; guard += 1) {
    if (checkProgression(input.previous, current, input.feedback).length === 0) return current;
    const next = adjustSets(current, profile, -1, Number.POSITIVE_INFINITY);
    if (next === current) return current;
    current = next;
  }
  return current;
}
