/** Plan checks that depend on who trains: age rules, goal work and the notes owed to them. */
import { effortRir, repRange } from "../planner/estimate.js";
import { findExercise } from "../planner/library.js";
import { AGE_INTENSITY, ageBand, needsConditioning } from "../planner/rules.js";
import type { Profile } from "../profile/schema.js";
import type { Violation } from "./check-limits.js";
import type { Day, Plan } from "./schema.js";

/** Age rules: no near-maximal work for teenagers, moderate intensity and balance work from 65. */
export function checkAge(plan: Plan, profile: Profile): Violation[] {
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

/** Conditioning for fat-loss and endurance goals. */
export function checkGoal(plan: Plan, profile: Profile): Violation[] {
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

/** The notes a profile is owed: see a professional when injured, supervision for teenagers. */
export function checkNotes(plan: Plan, profile: Profile): Violation[] {
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
