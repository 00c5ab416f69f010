/**
 * The programming rules as numbers: how many hard days, which prescription (reps, rest, effort)
 * for each goal, experience and age, how much weekly volume, and how long warm-ups and
 * conditioning last. The planner builds from these and the plan checks judge by them, so the two
 * cannot drift apart. docs/PROGRAMMING.md gives the reasoning and sources.
 */
import type { Experience, Goal, Profile } from "../profile/schema.js";
import { allowedExercises } from "./library.js";
import { MAJOR_MUSCLES, type MajorMuscle } from "./types.js";

export const AGE = { youthMax: 17, olderMin: 65 } as const;

export type AgeBand = "youth" | "adult" | "older";

export function ageBand(age: number): AgeBand {
  if (age <= AGE.youthMax) return "youth";
  return age >= AGE.olderMin ? "older" : "adult";
}

/** Reps, rest and effort for one kind of exercise. */
export interface Dose {
  readonly reps: string;
  readonly restSeconds: number;
  readonly effort: string;
}

export interface Prescription {
  /** The session's main lifts. */
  readonly compound: Dose;
  /** Other multi-joint work: the main-lift dose, made lighter for strength goals. */
  readonly assistance: Dose;
  readonly isolation: Dose;
  /** Most sets one exercise gets in a session. */
  readonly maxSets: number;
}

const dose = (reps: string, restSeconds: number, effort: string): Dose => ({
  reps,
  restSeconds,
  effort,
});

const BASE: Record<Goal, Record<Experience, readonly [Dose, Dose]>> = {
  strength: {
    beginner: [dose("6-8", 120, "RIR 2-3"), dose("10-12", 60, "RIR 2")],
    intermediate: [dose("4-6", 180, "RIR 2"), dose("8-12", 75, "RIR 2")],
    advanced: [dose("3-5", 180, "RIR 1-2"), dose("8-10", 90, "RIR 1-2")],
  },
  muscle: {
    beginner: [dose("8-12", 90, "RIR 2-3"), dose("10-15", 60, "RIR 2")],
    intermediate: [dose("6-10", 120, "RIR 1-2"), dose("10-15", 60, "RIR 1-2")],
    advanced: [dose("6-10", 120, "RIR 1-2"), dose("10-15", 60, "RIR 1")],
  },
  fat_loss: {
    beginner: [dose("10-12", 60, "RIR 3"), dose("12-15", 45, "RIR 2-3")],
    intermediate: [dose("8-12", 75, "RIR 2"), dose("12-15", 45, "RIR 2")],
    advanced: [dose("8-12", 75, "RIR 1-2"), dose("12-15", 45, "RIR 1-2")],
  },
  endurance: {
    beginner: [dose("12-15", 45, "RIR 3"), dose("15-20", 30, "RIR 2-3")],
    intermediate: [dose("12-15", 45, "RIR 2-3"), dose("15-20", 30, "RIR 2")],
    advanced: [dose("12-15", 45, "RIR 2"), dose("15-20", 30, "RIR 2")],
  },
  general: {
    beginner: [dose("8-12", 90, "RIR 3"), dose("10-15", 60, "RIR 2-3")],
    intermediate: [dose("8-12", 90, "RIR 2-3"), dose("10-15", 60, "RIR 2")],
    advanced: [dose("6-10", 90, "RIR 2"), dose("10-15", 60, "RIR 2")],
  },
};

const MAX_SETS: Record<Experience, number> = { beginner: 3, intermediate: 4, advanced: 5 };

/** Lowest first rep and highest effort allowed for teenagers and older adults. */
export const AGE_INTENSITY = { minReps: 6, minRir: 2, maxRpe: 8 } as const;

/**
 * The prescription for a profile. Teenagers keep reps at 6 or more with 2-3 reps in reserve;
 * adults of 65 and over train at moderate effort in the 8-15 range. Short sessions shorten rest.
 */
export function prescription(profile: Profile): Prescription {
  let [compound, isolation] = BASE[profile.goal][profile.experience];
  const band = ageBand(profile.age);
  if (band === "youth") {
    const reps = profile.goal === "strength" && profile.experience !== "beginner" ? "6-10" : "8-12";
    compound = dose(
      firstRep(compound.reps) < 8 ? reps : compound.reps,
      compound.restSeconds,
      "RIR 2-3",
    );
    isolation = dose(isolation.reps, isolation.restSeconds, "RIR 2-3");
  } else if (band === "older") {
    compound = dose(
      firstRep(compound.reps) < 8 ? "8-12" : compound.reps,
      compound.restSeconds,
      "RIR 2-3",
    );
    isolation = dose(isolation.reps, isolation.restSeconds, "RIR 2-3");
  }

  const [restCap, isoCap] = restCaps(profile);
  const assistance =
    profile.goal === "strength"
      ? dose(firstRep(compound.reps) < 6 ? "6-8" : "8-10", 120, compound.effort)
      : compound;
  return {
    compound: { ...compound, restSeconds: Math.min(compound.restSeconds, restCap) },
    assistance: { ...assistance, restSeconds: Math.min(assistance.restSeconds, restCap) },
    isolation: { ...isolation, restSeconds: Math.min(isolation.restSeconds, isoCap) },
    maxSets:
      band === "adult" ? MAX_SETS[profile.experience] : Math.min(MAX_SETS[profile.experience], 4),
  };
}

/** Short sessions are run circuit style: rest is capped so the work fits. */
function restCaps(profile: Profile): readonly [number, number] {
  const heavy = profile.goal === "strength";
  if (profile.minutes <= 20) return heavy ? [60, 30] : [30, 30];
  if (profile.minutes <= 30) return heavy ? [90, 45] : [60, 40];
  if (profile.minutes <= 45) return heavy ? [150, 60] : [90, 60];
  return [600, 600];
}

function firstRep(reps: string): number {
  return Number.parseInt(reps, 10);
}

/**
 * Hard (training) days a week; the rest of the requested days become active-recovery days.
 * Seven hard days are never given. Beginners, teenagers and older adults get fewer hard days.
 */
export function hardDays(profile: Profile): number {
  const byExperience: Record<Experience, number> = { beginner: 4, intermediate: 5, advanced: 6 };
  let cap = byExperience[profile.experience];
  const band = ageBand(profile.age);
  if (band === "youth") cap = Math.min(cap, 4);
  if (band === "older") cap = 3;
  return Math.min(profile.daysPerWeek, cap);
}

/** Weekly hard sets per major muscle (a primary set counts 1, a secondary set 0.5). */
export const WEEKLY_SETS: Record<Experience, { readonly min: number; readonly max: number }> = {
  beginner: { min: 6, max: 14 },
  intermediate: { min: 8, max: 18 },
  advanced: { min: 10, max: 22 },
};

/** Most counted sets for one major muscle in one session; beyond it, extra sets add little. */
export const SESSION_SET_CAP = 12;

const GOAL_VOLUME: Record<Goal, number> = {
  muscle: 0.75,
  strength: 0.5,
  general: 0.4,
  fat_loss: 0.35,
  endurance: 0.25,
};

/** The weekly set count the planner aims for, inside the experience range. */
export function weeklyTarget(profile: Profile): number {
  const { min, max } = WEEKLY_SETS[profile.experience];
  return Math.round(min + (max - min) * GOAL_VOLUME[profile.goal]);
}

/**
 * How many strength exercises (multi-joint, isolation and core) a session holds, by the minutes
 * left for lifting once warm-up and conditioning are taken out: a few exercises done for several
 * sets each, as a coach writes them, rather than many exercises done once.
 */
export const SESSION_EXERCISES: readonly (readonly [number, number])[] = [
  [18, 3], // up to 18 lifting minutes: 3 exercises
  [28, 4],
  [40, 5],
  [55, 6],
  [75, 7],
  [Number.POSITIVE_INFINITY, 8], // two hours once or twice a week
];

/** Lifting minutes in a session: the session less its warm-up and conditioning. */
export function liftingMinutes(profile: Profile): number {
  return profile.minutes - warmupMinutes(profile) - conditioningMinutes(profile);
}

/** The number of strength exercises the planner writes into a session (essentials may add one). */
export function exercisesPerSession(profile: Profile): number {
  const minutes = liftingMinutes(profile);
  return SESSION_EXERCISES.find(([upTo]) => minutes <= upTo)?.[1] ?? 8;
}

/** Muscles around an injured joint: their weekly minimum is halved. */
const GUARDED: Partial<Record<Profile["injuries"][number], MajorMuscle>> = {
  knees: "quads",
  shoulders: "shoulders",
  lower_back: "hamstrings",
};

/** Session minutes count in whole steps of this size toward the volume floor. */
const FLOOR_MINUTES_STEP = 15;

/**
 * The least weekly volume a plan must give each major muscle. It is the experience minimum,
 * lowered when the time available (hard days times minutes) cannot hold it, and halved for the
 * muscle around an injured joint.
 */
export function weeklyFloor(profile: Profile): Record<MajorMuscle, number> {
  // Minutes count in whole 15-minute steps, as the plan cache groups them: a plan made for 45
  // minutes then meets the floor of a 52-minute session it is served to.
  const minutes = Math.floor(profile.minutes / FLOOR_MINUTES_STEP) * FLOOR_MINUTES_STEP;
  const perSession = Math.max(0, minutes - warmupMinutes(profile) - conditioningMinutes(profile));
  // Minutes per set from the prescription (a 12-rep set, its rest and a changeover),
  // spread over six muscle groups, with room to spare for injuries and missing equipment.
  const setMinutes = (36 + prescription(profile).compound.restSeconds + 30) / 60;
  const capacity = ((hardDays(profile) * perSession) / setMinutes / 6) * 0.6;
  // With barely any time, one indirect set (half a counted set) is all a muscle can get.
  const base =
    capacity < 1 ? 0.5 : Math.min(WEEKLY_SETS[profile.experience].min, Math.floor(capacity));
  const guarded = new Set(profile.injuries.map((injury) => GUARDED[injury]));
  const direct = directlyTrainable(profile);
  return Object.fromEntries(
    MAJOR_MUSCLES.map((muscle) => [
      muscle,
      guarded.has(muscle) || !direct.has(muscle) ? base / 2 : base,
    ]),
  ) as Record<MajorMuscle, number>;
}

/**
 * Major muscles that some allowed strength exercise trains directly. When none does (bodyweight
 * only with sore wrists leaves the shoulders only indirect work), the floor for it is halved.
 */
function directlyTrainable(profile: Profile): ReadonlySet<MajorMuscle> {
  const older = ageBand(profile.age) === "older";
  const defs = allowedExercises(profile).filter(
    (def) =>
      (def.kind === "compound" || def.kind === "isolation") && !(older && def.difficulty === 3),
  );
  return new Set(
    MAJOR_MUSCLES.filter((muscle) => defs.some((def) => def.primary.includes(muscle))),
  );
}

/** Warm-up minutes: about a tenth of the session, and a fifth (4 to 10) from age 65. */
export function warmupMinutes(profile: Profile): number {
  if (ageBand(profile.age) === "older") return clamp(Math.round(profile.minutes * 0.2), 4, 10);
  return clamp(Math.round(profile.minutes * 0.1), 2, 8);
}

/** Least warm-up a training day must have, in minutes. */
export function minWarmupMinutes(profile: Profile): number {
  return ageBand(profile.age) === "older" ? 4 : 2;
}

/** Conditioning minutes in a training session: for fat-loss and endurance goals only. */
export function conditioningMinutes(profile: Profile): number {
  if (needsConditioning(profile) && profile.minutes <= 20) return 3;
  if (profile.goal === "fat_loss") return clamp(Math.round(profile.minutes * 0.2), 3, 15);
  if (profile.goal === "endurance") return clamp(Math.round(profile.minutes * 0.3), 3, 25);
  return 0;
}

/** Whether the goal calls for conditioning work. */
export function needsConditioning(profile: Profile): boolean {
  return profile.goal === "fat_loss" || profile.goal === "endurance";
}

/** Length of an active-recovery session, in minutes. */
export function recoveryMinutes(profile: Profile): number {
  return Math.min(profile.minutes, 30);
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
