/**
 * Choosing an exercise for a slot: among the safe, available exercises of the slot's pattern,
 * the one that best fits the person's experience, age and goal. Deterministic: ties go to
 * library order.
 */
import type { Profile } from "../profile/schema.js";
import { avoidedStress, hasEquipment, LIBRARY } from "./library.js";
import { ageBand } from "./rules.js";
import type { SlotOption } from "./split.js";
import type { ExerciseDef, Gear, JointStress } from "./types.js";

/** What the person has and must avoid, worked out once per plan. */
export interface Constraints {
  readonly profile: Profile;
  readonly avoid: ReadonlySet<JointStress>;
  /** Names not to use at all, such as exercises reported painful last week. */
  readonly banned: ReadonlySet<string>;
}

export function constraintsFor(
  profile: Profile,
  banned: ReadonlySet<string> = new Set(),
): Constraints {
  const avoid = new Set(avoidedStress(profile.injuries));
  // Jumping is left out for older adults even without a knee injury.
  if (ageBand(profile.age) === "older") avoid.add("knee_impact");
  return { profile, avoid, banned };
}

/** Whether the exercise fits these constraints: equipment, injuries, age, bans. */
export function fits(def: ExerciseDef, c: Constraints): boolean {
  if (!hasEquipment(def, c.profile.equipment)) return false;
  if (def.stress.some((stress) => c.avoid.has(stress))) return false;
  if (c.banned.has(def.name)) return false;
  return !(ageBand(c.profile.age) === "older" && def.difficulty === 3);
}

const LOAD: Record<Gear, number> = {
  barbell: 3,
  dumbbells: 2.5,
  cables: 2.5,
  kettlebells: 2,
  pullup_bar: 2,
  bands: 1,
  bench: 0,
};

const LOAD_WEIGHT: Record<Profile["goal"], number> = {
  strength: 1.5,
  muscle: 1,
  general: 0.6,
  fat_loss: 0.4,
  endurance: 0.3,
};

/** Classic lifts a coach reaches for first when they are available. */
const STAPLES: ReadonlySet<string> = new Set([
  "Barbell back squat",
  "Barbell bench press",
  "Barbell deadlift",
  "Barbell overhead press",
  "Barbell Romanian deadlift",
  "Pull-up",
  "Goblet squat",
  "Push-up",
  "One-arm dumbbell row",
  "Dumbbell bench press",
  "Glute bridge",
  "Lat pulldown",
  "Seated cable row",
]);

/**
 * Exercises limited by balance or coordination more than by the muscles they name: good variety,
 * poor choices for the main work of a slot, so they rank below plainer ones.
 */
const SHOWY: ReadonlySet<string> = new Set(["Renegade row"]);

/** Sessions this short (minutes) prefer exercises done with both sides at once. */
const SHORT_SESSION_MINUTES = 20;

const TARGET_DIFFICULTY: Record<Profile["experience"], number> = {
  beginner: 1,
  intermediate: 2.5,
  advanced: 3,
};

/** How well an exercise suits this person: higher is better. */
export function suitability(def: ExerciseDef, profile: Profile): number {
  let target = TARGET_DIFFICULTY[profile.experience];
  if (ageBand(profile.age) !== "adult") target = Math.min(target, 2);
  const gap = def.difficulty - target;
  const fit = gap > 0 ? -2 * gap : gap; // too hard costs more than too easy
  const load = Math.max(0, ...def.equipment.map((gear) => LOAD[gear]));
  const staple = STAPLES.has(def.name) ? 1 : 0;
  // One side at a time doubles the work time, which short sessions cannot spare.
  const slow = def.unilateral && profile.minutes <= 30 ? 1.5 : 0;
  const showy = SHOWY.has(def.name) ? 1.5 : 0;
  return fit + load * LOAD_WEIGHT[profile.goal] + staple - slow - showy;
}

/** Safe, available exercises matching one slot option, best first. */
export function candidatesFor(option: SlotOption, c: Constraints): ExerciseDef[] {
  return rank(
    LIBRARY.filter(
      (def) =>
        def.pattern === option.pattern &&
        (option.muscle === undefined || def.primary.includes(option.muscle)) &&
        fits(def, c),
    ),
    c.profile,
  );
}

function rank(defs: readonly ExerciseDef[], profile: Profile): ExerciseDef[] {
  return defs
    .map((def, index) => ({ def, index, score: suitability(def, profile) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.def);
}

/**
 * The exercise for a slot: the first option with a candidate not already used today, preferring
 * ones not yet used this week (except strength compounds, which repeat on purpose).
 */
export function pick(
  options: readonly SlotOption[],
  c: Constraints,
  usedToday: ReadonlySet<string>,
  usedThisWeek: ReadonlyMap<string, number>,
): ExerciseDef | undefined {
  // A very short session cannot spare the double time of one side at a time: any option done
  // with both sides at once comes first.
  if (c.profile.minutes <= SHORT_SESSION_MINUTES) {
    const both = pickFrom(options, c, usedToday, usedThisWeek, (def) => !def.unilateral);
    if (both) return both;
  }
  return pickFrom(options, c, usedToday, usedThisWeek, () => true);
}

function pickFrom(
  options: readonly SlotOption[],
  c: Constraints,
  usedToday: ReadonlySet<string>,
  usedThisWeek: ReadonlyMap<string, number>,
  allowed: (def: ExerciseDef) => boolean,
): ExerciseDef | undefined {
  for (const option of options) {
    const fresh = candidatesFor(option, c).filter(
      (def) => !usedToday.has(def.name) && allowed(def),
    );
    if (fresh.length === 0) continue;
    const lift = option.pattern !== "isolation" && option.pattern !== "core";
    const repeatCost = c.profile.goal === "strength" && lift ? 0.1 : 0.75;
    const scored = fresh.map((def, index) => ({
      def,
      index,
      score: suitability(def, c.profile) - repeatCost * (usedThisWeek.get(def.name) ?? 0),
    }));
    scored.sort((a, b) => b.score - a.score || a.index - b.index);
    return scored[0]?.def;
  }
  return undefined;
}

/** The exercise a slot would get with the equipment alone, ignoring injuries. */
export function pickIgnoringInjuries(
  options: readonly SlotOption[],
  profile: Profile,
  usedToday: ReadonlySet<string>,
  usedThisWeek: ReadonlyMap<string, number>,
): ExerciseDef | undefined {
  const uninjured: Profile = { ...profile, injuries: ["none"] };
  return pick(options, constraintsFor(uninjured), usedToday, usedThisWeek);
}
