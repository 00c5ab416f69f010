/**
 * Turning a chosen exercise and a set count into a prescription line: reps or seconds, rest and
 * effort, from the profile's prescription.
 */
import type { Exercise } from "../plan/schema.js";
import type { Profile } from "../profile/schema.js";
import type { Prescription } from "./rules.js";
import type { ExerciseDef } from "./types.js";

const HOLD_SECONDS: Record<Profile["experience"], number> = {
  beginner: 20,
  intermediate: 30,
  advanced: 40,
};

const CARRY_SECONDS = 40; // per side for one-handed carries

/**
 * A strength, core or carry exercise, dosed for this profile. Compound lifts that are not the
 * session's main lifts get the assistance dose.
 */
export function dosed(
  def: ExerciseDef,
  sets: number,
  rx: Prescription,
  profile: Profile,
  note?: string,
  main = true,
): Exercise {
  const dose = def.kind !== "compound" ? rx.isolation : main ? rx.compound : rx.assistance;
  const notes = [def.unilateral ? "Each side." : "", note ?? ""].filter(Boolean).join(" ");
  const base = {
    name: def.name,
    sets,
    restSeconds: dose.restSeconds,
    effort: dose.effort,
    ...(notes ? { notes } : {}),
  };
  if (!def.timed) return { ...base, reps: dose.reps };
  const seconds = def.pattern === "carry" ? CARRY_SECONDS : HOLD_SECONDS[profile.experience];
  return { ...base, seconds, restSeconds: rx.isolation.restSeconds, effort: "RPE 7" };
}

/** Conditioning: short intervals when there are ten minutes or fewer, otherwise steady work. */
export function conditioningDose(def: ExerciseDef, minutes: number, profile: Profile): Exercise {
  if (minutes <= 10) {
    return {
      name: def.name,
      sets: minutes,
      seconds: 30,
      restSeconds: 30,
      effort: profile.goal === "endurance" ? "RPE 7" : "RPE 7-8",
      notes: "Intervals: 30 s brisk, 30 s easy.",
    };
  }
  return {
    name: def.name,
    sets: 1,
    seconds: minutes * 60,
    restSeconds: 0,
    effort: profile.goal === "endurance" ? "RPE 5-6" : "RPE 6",
    notes: "Steady pace: you can talk in short sentences.",
  };
}

/** Easy recovery work: cardio you could hold a conversation through, or gentle mobility. */
export function easyDose(def: ExerciseDef, seconds: number): Exercise {
  if (def.kind === "conditioning") {
    return {
      name: def.name,
      sets: 1,
      seconds,
      restSeconds: 0,
      effort: "RPE 3-4",
      notes: "Easy: you can hold a conversation.",
    };
  }
  return {
    name: def.name,
    sets: 1,
    ...(def.timed ? { seconds } : { reps: "8" }),
    restSeconds: 15,
    effort: "Easy",
    ...(def.unilateral ? { notes: "Each side, pain-free range." } : { notes: "Pain-free range." }),
  };
}
