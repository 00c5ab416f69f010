/**
 * Turns what the model wrote into plan items. The model chooses the days, the exercises and their
 * sets; everything that follows from the profile comes from the planner's own rules, so it is
 * right by construction and costs no output tokens: reps or seconds, rest and effort by exercise
 * kind, the warm-up, a day's minutes (estimated as the plan checks estimate them) and the
 * standard notes (effort scale, progression, the safety notes the checks look for). Where the
 * model states a dose, its value stands, and enforce judges it.
 */
import type { Day, Exercise } from "../plan/schema.js";
import { conditioningDose, dosed, easyDose } from "../planner/dose.js";
import { estimateDayMinutes } from "../planner/estimate.js";
import { warmupFor } from "../planner/extras.js";
import { findExercise } from "../planner/library.js";
import { planNotes } from "../planner/notes.js";
import { conditioningMinutes, hardDays, prescription } from "../planner/rules.js";
import type { Profile } from "../profile/schema.js";
import type { Usual, WrittenExercise } from "./format.js";

export interface Decoder {
  /** The exercise with its dose filled from the profile where the model left it out. */
  exercise(written: WrittenExercise, kind: Day["kind"]): Exercise;
  /** The warm-up of a day the model wrote. */
  warmup(day: Pick<Day, "kind" | "focus">): string[];
  /** A day's length in minutes, warm-up included. */
  minutes(day: Omit<Day, "minutes">): number;
  /** The plan's notes: the standard ones, then the model's own. */
  notes(own: readonly string[]): string[];
}

const MAX_NOTES = 8;
const RECOVERY_SECONDS = { cardio: 600, mobility: 30 } as const; // 10 min, 30 s

export function createDecoder(profile: Profile): Decoder {
  const rx = prescription(profile);

  function usual(written: WrittenExercise, kind: Day["kind"]): Exercise {
    const def = findExercise(written.name);
    // An unknown name fails the plan checks anyway; it gets the plain isolation dose.
    if (!def) return { name: written.name, sets: written.sets, ...rx.isolation };
    if (kind === "recovery") {
      const cardio = def.kind === "conditioning";
      return easyDose(def, cardio ? RECOVERY_SECONDS.cardio : RECOVERY_SECONDS.mobility);
    }
    if (def.kind === "conditioning") {
      return conditioningDose(def, Math.max(3, conditioningMinutes(profile)), profile);
    }
    return dosed(def, written.sets, rx, profile);
  }

  return {
    exercise(written, kind) {
      const { reps, seconds, notes, ...dose } = usual(written, kind);
      const stated = written.reps !== undefined || written.seconds !== undefined;
      return {
        ...dose,
        ...(stated ? {} : reps !== undefined ? { reps } : { seconds }),
        ...(notes === undefined ? {} : { notes }),
        ...written,
      } as Exercise;
    },
    warmup(day) {
      return day.kind === "training" ? warmupFor(profile, day.focus) : [];
    },
    minutes(day) {
      const estimate = estimateDayMinutes({ ...day, minutes: 0 });
      return Number.isFinite(estimate) ? estimate : 0;
    },
    notes(own) {
      const standard = planNotes(profile, profile.daysPerWeek - hardDays(profile));
      return [...standard, ...own].slice(0, MAX_NOTES);
    },
  };
}

/** What the decoder fills in for this profile, for writing plans the way the model does. */
export function usualFor(profile: Profile): Usual {
  const decoder = createDecoder(profile);
  return {
    exercise: (exercise, kind) =>
      decoder.exercise({ name: exercise.name, sets: exercise.sets }, kind),
    notes: decoder.notes([]),
  };
}
