/**
 * The exercise library: lookup by name (case-, spacing- and plural-insensitive, aliases
 * included), and the two questions every plan asks of an exercise: can this person do it with
 * what they have, and is it safe with their injuries?
 */
import type { Injury, Profile } from "../profile/schema.js";
import { CARDIO } from "./exercises/cardio.js";
import { LEGS } from "./exercises/legs.js";
import { PULL } from "./exercises/pull.js";
import { PUSH } from "./exercises/push.js";
import { TRUNK } from "./exercises/trunk.js";
import type { ExerciseDef, JointStress } from "./types.js";

/** Every exercise the planner may use and an LLM may choose from. */
export const LIBRARY: readonly ExerciseDef[] = [...LEGS, ...PUSH, ...PULL, ...TRUNK, ...CARDIO];

/** The joint stresses each injury rules out. */
export const INJURY_STRESS: Record<Injury, readonly JointStress[]> = {
  knees: ["deep_knee_flexion", "knee_impact"],
  lower_back: ["spinal_loading", "spinal_flexion"],
  shoulders: ["overhead_shoulder", "shoulder_end_range"],
  wrists: ["wrist_extension"],
  none: [],
};

const WORD_ALIASES: Record<string, string> = { db: "dumbbell", bb: "barbell", kb: "kettlebell" };

/**
 * A name reduced to its words: lower case, punctuation and spacing ignored, a plural "s" dropped,
 * so "Push-ups", "push up" and "PUSHUP" all meet. ("pushup" and "push up" differ in words, which
 * the aliases cover.)
 */
export function normalizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[’']/g, "")
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => WORD_ALIASES[word] ?? word)
    .map((word) =>
      word.length > 2 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word,
    )
    .join(" ");
}

const BY_NAME: ReadonlyMap<string, ExerciseDef> = (() => {
  const map = new Map<string, ExerciseDef>();
  for (const def of LIBRARY) {
    for (const name of [def.name, ...def.aliases]) {
      const key = normalizeName(name);
      if (!map.has(key)) map.set(key, def);
    }
  }
  return map;
})();

/** The library entry for a name or alias, or undefined when the library does not know it. */
export function findExercise(name: string): ExerciseDef | undefined {
  return BY_NAME.get(normalizeName(name));
}

/** The library entry for a canonical name; throws, because a missing one is a bug in our data. */
export function exercise(name: string): ExerciseDef {
  const def = findExercise(name);
  if (!def) throw new Error(`exercise not in library: ${name}`);
  return def;
}

/** Whether the equipment list covers everything the exercise needs. */
export function hasEquipment(def: ExerciseDef, equipment: readonly string[]): boolean {
  if (equipment.includes("full_gym")) return true;
  return def.equipment.every((gear) => equipment.includes(gear));
}

/** The joint stresses this person's injuries rule out. */
export function avoidedStress(injuries: readonly Injury[]): ReadonlySet<JointStress> {
  return new Set(injuries.flatMap((injury) => INJURY_STRESS[injury]));
}

/** Whether one of the profile's injuries rules this exercise out. */
export function isContraindicated(def: ExerciseDef, injuries: readonly Injury[]): boolean {
  const avoided = avoidedStress(injuries);
  return def.stress.some((stress) => avoided.has(stress));
}

/** Available with the profile's equipment and safe with its injuries. */
export function isAllowed(def: ExerciseDef, profile: Profile): boolean {
  return hasEquipment(def, profile.equipment) && !isContraindicated(def, profile.injuries);
}

/** Every exercise this profile may do, in library order. */
export function allowedExercises(profile: Profile): ExerciseDef[] {
  return LIBRARY.filter((def) => isAllowed(def, profile));
}

/**
 * The names an LLM may choose from for this profile (available and not contraindicated), in
 * library order: grouped by pattern, so a prompt can list them compactly.
 */
export function exerciseNamesFor(profile: Profile): string[] {
  return allowedExercises(profile).map((def) => def.name);
}
