/**
 * What the prompt tells the model about one profile, in numbers taken from the planner's own
 * rules: the exercises it may choose, grouped by movement pattern and trimmed to the likeliest
 * few per pattern (the full list for a full gym costs about 900 input tokens), and the targets
 * the plan checks will hold it to.
 */
import { allowedExercises } from "../planner/library.js";
import {
  ageBand,
  conditioningMinutes,
  exercisesPerSession,
  hardDays,
  prescription,
  WEEKLY_SETS,
  warmupMinutes,
  weeklyFloor,
} from "../planner/rules.js";
import type { ExerciseDef, Gear, Pattern } from "../planner/types.js";
import type { Profile } from "../profile/schema.js";

/** Exercise names by movement pattern, as the prompt lists them. */
export type ExerciseMenu = Readonly<Record<string, readonly string[]>>;

/** How many names of each pattern the prompt lists, before goal and age adjustments. */
const PER_PATTERN: Record<Pattern, number> = {
  squat: 4,
  hinge: 4,
  lunge: 3,
  push_horizontal: 4,
  push_vertical: 3,
  pull_horizontal: 4,
  pull_vertical: 3,
  carry: 1,
  isolation: 6,
  core: 3,
  conditioning: 2,
  mobility: 2,
  balance: 0,
};

/** How much an exercise's gear says "loaded": a barbell lift before a dumbbell one before a band. */
const GEAR_WEIGHT: Record<Gear, number> = {
  barbell: 3,
  cables: 3,
  dumbbells: 2,
  kettlebells: 2,
  bench: 1,
  bands: 1,
  pullup_bar: 1,
};

const loading = (def: ExerciseDef) =>
  def.equipment.reduce((sum, gear) => sum + GEAR_WEIGHT[gear], 0);

/**
 * The names the model may choose from: allowed for the profile, easy enough for its experience
 * and age, loaded variants before bodyweight ones (a person who owns a barbell wants to use it).
 */
export function exerciseMenu(profile: Profile): ExerciseMenu {
  const cautious = profile.experience === "beginner" || ageBand(profile.age) !== "adult";
  const recovery = profile.daysPerWeek > hardDays(profile);
  const caps: Record<Pattern, number> = {
    ...PER_PATTERN,
    conditioning: conditioningMinutes(profile) > 0 ? 4 : PER_PATTERN.conditioning,
    mobility: recovery ? 4 : PER_PATTERN.mobility,
    balance: ageBand(profile.age) === "older" ? 3 : 0,
  };

  const groups = new Map<Pattern, ExerciseDef[]>();
  for (const def of allowedExercises(profile)) {
    if (cautious && def.difficulty > 2) continue;
    groups.set(def.pattern, [...(groups.get(def.pattern) ?? []), def]);
  }
  const menu: Record<string, string[]> = {};
  for (const [pattern, defs] of groups) {
    const chosen = [...defs]
      .sort((a, b) => loading(b) - loading(a))
      .slice(0, caps[pattern])
      .map((def) => def.name);
    if (chosen.length > 0) menu[pattern.replace("_", " ")] = chosen;
  }
  return menu;
}

/** The numbers the plan checks hold a plan to, as the model reads them. */
export function planTargets(profile: Profile) {
  const { compound, isolation, maxSets } = prescription(profile);
  const training = hardDays(profile);
  const floor = Math.max(...Object.values(weeklyFloor(profile)));
  const conditioning = conditioningMinutes(profile);
  return {
    trainingDays: training,
    recoveryDays: profile.daysPerWeek - training,
    compound: `${compound.reps} reps, ${compound.restSeconds} s rest`,
    other: `${isolation.reps} reps, ${isolation.restSeconds} s rest`,
    exercisesPerDay: exercisesPerSession(profile),
    setsPerExercise: `2-${Math.max(2, maxSets)}`,
    weeklySetsPerMuscle: `${floor}-${WEEKLY_SETS[profile.experience].max}`,
    warmupMinutes: warmupMinutes(profile),
    ...(conditioning > 0 ? { conditioningMinutes: conditioning } : {}),
  };
}
