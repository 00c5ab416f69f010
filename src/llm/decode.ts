/**
 * Turns what the model wrote into plan items. The line format leaves out what follows from the
 * profile: rest and effort come from the planner's prescription for the exercise's kind, and a
 * day's minutes are estimated from its content the same way the plan checks estimate them. The
 * model states rest or effort only where it means something else, and then its value stands.
 */
import type { Day, Exercise } from "../plan/schema.js";
import { estimateDayMinutes } from "../planner/estimate.js";
import { findExercise } from "../planner/library.js";
import { prescription } from "../planner/rules.js";
import type { Profile } from "../profile/schema.js";
import type { WrittenExercise } from "./format.js";

export interface Decoder {
  /** The exercise with rest and effort filled where the model left them out. */
  exercise(written: WrittenExercise): Exercise;
  /** A day's length in minutes, warm-up included. */
  minutes(day: Omit<Day, "minutes">): number;
}

/** Rest and effort an exercise gets unless the model says otherwise. */
export type UsualDose = (name: string) => Pick<Exercise, "restSeconds" | "effort">;

export function createDecoder(usual: UsualDose): Decoder {
  return {
    exercise(written) {
      const dose = usual(written.name);
      return {
        ...written,
        restSeconds: written.restSeconds ?? dose.restSeconds,
        effort: written.effort ?? dose.effort,
      };
    },
    minutes(day) {
      const estimate = estimateDayMinutes({ ...day, minutes: 0 });
      return Number.isFinite(estimate) ? estimate : 0;
    },
  };
}

/** The usual dose for this profile: the compound one for multi-joint lifts, else isolation. */
export function profileDose(profile: Profile): UsualDose {
  const { compound, isolation } = prescription(profile);
  return (name) => {
    const dose = findExercise(name)?.kind === "compound" ? compound : isolation;
    return { restSeconds: dose.restSeconds, effort: dose.effort };
  };
}
