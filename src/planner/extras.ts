/**
 * The parts of a day around the main lifts: warm-ups, conditioning finishers and whole
 * active-recovery days.
 */
import type { Day, Exercise } from "../plan/schema.js";
import type { Profile } from "../profile/schema.js";
import { conditioningDose, easyDose } from "./dose.js";
import { estimateDayMinutes, exerciseSeconds } from "./estimate.js";
import { LIBRARY } from "./library.js";
import { ageBand, conditioningMinutes, recoveryMinutes, warmupMinutes } from "./rules.js";
import { type Constraints, fits, suitability } from "./select.js";
import type { ExerciseDef, Pattern } from "./types.js";

/** Steady cardio, best first; everything else in the conditioning pattern is interval work. */
const STEADY = [
  "Rowing machine",
  "Stationary bike",
  "Elliptical",
  "Jog",
  "Brisk walk",
  "Stair climbing",
  "Marching in place",
];

function available(pattern: Pattern, c: Constraints): ExerciseDef[] {
  return LIBRARY.filter((def) => def.pattern === pattern && fits(def, c));
}

/** Cardio gentle enough for a recovery day, best first. */
const EASY_CARDIO = ["Brisk walk", "Stationary bike", "Elliptical", "Marching in place"];

/** Warm-up lines adding up to the profile's warm-up minutes; balance practice from 65. */
export function warmupFor(profile: Profile, focus: string): string[] {
  const total = warmupMinutes(profile);
  const older = ageBand(profile.age) === "older";
  const prep: string[] = [];
  if (older) prep.push("Balance: single-leg stand by a wall or chair, 20-30 s each side");
  if (total >= 3 || older) {
    prep.push(
      /upper|push|pull/i.test(focus)
        ? "Arm circles and shoulder rolls, 10 each way"
        : "Hip circles and leg swings, 10 each side",
    );
  }
  prep.push("Ramp-up: 1-2 light sets of the first exercise");
  const cardio = profile.injuries.includes("knees")
    ? "easy bike, brisk walk or marching in place"
    : "brisk walk, marching or easy cycling";
  return [`${total - prep.length} min ${cardio}`, ...prep];
}

/** A conditioning finisher for fat-loss and endurance goals, varied by day; undefined otherwise. */
export function finisherFor(c: Constraints, dayIndex: number): Exercise | undefined {
  const minutes = conditioningMinutes(c.profile);
  if (minutes === 0) return undefined;
  const all = available("conditioning", c);
  const steady = STEADY.flatMap((name) => all.filter((def) => def.name === name));
  const intervals = all
    .filter((def) => !STEADY.includes(def.name))
    .map((def, index) => ({ def, index, score: suitability(def, c.profile) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.def);
  const pool = minutes <= 10 && intervals.length > 0 ? intervals.slice(0, 3) : steady;
  const def = pool[dayIndex % Math.max(1, pool.length)] ?? steady[0];
  return def ? conditioningDose(def, minutes, c.profile) : undefined;
}

/**
 * An active-recovery day: gentle mobility (and balance from 65), then easy cardio filling the
 * rest of the time. Never longer than the profile's session length.
 */
export function recoveryDay(day: number, c: Constraints, index: number): Day {
  const budget = recoveryMinutes(c.profile) * 60;
  const mobility = available("mobility", c);
  const balance = ageBand(c.profile.age) === "older" ? available("balance", c) : [];
  const picks = [
    ...rotate(mobility, index * 2).slice(0, 2),
    ...rotate(balance, index * 2).slice(0, 2),
  ].map((def) => easyDose(def, 30));

  const used = picks.reduce((sum, exercise) => sum + exerciseSeconds(exercise), 0);
  const cardioDefs = EASY_CARDIO.flatMap((name) =>
    available("conditioning", c).filter((def) => def.name === name),
  );
  const cardioDef = cardioDefs[index % Math.max(1, cardioDefs.length)];
  const cardioSeconds = Math.floor((budget - used - 30) / 60) * 60;
  const exercises =
    cardioDef && cardioSeconds >= 300 ? [easyDose(cardioDef, cardioSeconds), ...picks] : picks;
  const plain: Day = {
    day,
    kind: "recovery",
    focus:
      balance.length > 0
        ? "Active recovery: walk, mobility, balance"
        : "Active recovery: easy cardio and mobility",
    warmup: [],
    exercises,
    minutes: 0,
  };
  return { ...plain, minutes: estimateDayMinutes(plain) };
}

function rotate<T>(list: readonly T[], by: number): T[] {
  if (list.length === 0) return [];
  const shift = by % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}
