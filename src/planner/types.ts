/**
 * The vocabulary of the exercise library: movement patterns, muscles, the equipment an exercise
 * needs and the joint stresses that decide whether an injury rules it out.
 */
import type { Equipment } from "../profile/schema.js";

export const PATTERNS = [
  "squat",
  "hinge",
  "lunge",
  "push_horizontal",
  "push_vertical",
  "pull_horizontal",
  "pull_vertical",
  "carry",
  "isolation",
  "core",
  "conditioning",
  "mobility",
  "balance",
] as const;
export type Pattern = (typeof PATTERNS)[number];

/** The six major muscle groups that weekly volume and frequency are counted for. */
export const MAJOR_MUSCLES = [
  "chest",
  "back",
  "shoulders",
  "quads",
  "hamstrings",
  "glutes",
] as const;
export type MajorMuscle = (typeof MAJOR_MUSCLES)[number];
export type Muscle = MajorMuscle | "biceps" | "triceps" | "calves" | "core";

/** Equipment an exercise can need. Bodyweight is implied; "full_gym" is a profile shorthand. */
export type Gear = Exclude<Equipment, "bodyweight" | "full_gym">;

/**
 * Joint stresses an exercise puts on the body. An injury rules out every exercise carrying one of
 * its stresses (see INJURY_STRESS in library.ts).
 */
export type JointStress =
  | "deep_knee_flexion" // loaded squatting or lunging below about 90 degrees of knee bend
  | "knee_impact" // jumping, landing, running
  | "spinal_loading" // axial or shear load on the lower back: barbell squats, hinges, bent rows
  | "spinal_flexion" // repeated rounding under effort: sit-ups, crunches
  | "overhead_shoulder" // arms overhead under load: presses, pull-ups, handstands
  | "shoulder_end_range" // loaded end range: dips, deep flyes, upright rows
  | "wrist_extension"; // body weight on extended wrists: push-ups, planks on hands

/** How an exercise is counted and ordered in a session. */
export type Kind = "compound" | "isolation" | "core" | "conditioning" | "mobility";

/** 1: anyone can do it well; 2: needs some practice; 3: needs solid technique. */
export type Difficulty = 1 | 2 | 3;

export interface ExerciseDef {
  readonly name: string;
  /** Other names an LLM or a user may use; matched case- and spacing-insensitively. */
  readonly aliases: readonly string[];
  readonly pattern: Pattern;
  readonly kind: Kind;
  readonly primary: readonly Muscle[];
  readonly secondary: readonly Muscle[];
  /** Every piece of equipment it needs; empty means bodyweight (a floor, a wall, a step). */
  readonly equipment: readonly Gear[];
  readonly difficulty: Difficulty;
  readonly stress: readonly JointStress[];
  /** Names of close substitutes, best first. Checked to exist by the library tests. */
  readonly substitutes: readonly string[];
  /** Done one side at a time: the work of a set counts twice. */
  readonly unilateral: boolean;
  /** Prescribed in seconds (holds, intervals, walks) rather than reps. */
  readonly timed: boolean;
}

export type ExerciseSpec = Pick<ExerciseDef, "name" | "pattern" | "primary"> &
  Partial<Omit<ExerciseDef, "name" | "pattern" | "primary" | "kind">> & { kind?: Kind };

const KIND_OF_PATTERN: Record<Pattern, Kind> = {
  squat: "compound",
  hinge: "compound",
  lunge: "compound",
  push_horizontal: "compound",
  push_vertical: "compound",
  pull_horizontal: "compound",
  pull_vertical: "compound",
  carry: "compound",
  isolation: "isolation",
  core: "core",
  conditioning: "conditioning",
  mobility: "mobility",
  balance: "mobility",
};

/** Builds a library entry, filling the fields most exercises leave at their default. */
export function move(spec: ExerciseSpec): ExerciseDef {
  return {
    aliases: [],
    secondary: [],
    equipment: [],
    difficulty: 1,
    stress: [],
    substitutes: [],
    unilateral: false,
    timed: false,
    kind: KIND_OF_PATTERN[spec.pattern],
    ...spec,
  };
}
