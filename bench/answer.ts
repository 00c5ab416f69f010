/**
 * The answer a model gives for a profile, in the line format the LLM generator asks for: the
 * built-in planner's plan for that profile, written the way the prompt asks (the decoder fills in
 * doses, warm-ups, minutes and standard notes, so those are left out). It stands in for a real
 * model's answer in the cost and streaming benchmarks.
 */
import { usualFor } from "../src/llm/decode.js";
import { formatPlan } from "../src/llm/format.js";
import type { Plan } from "../src/plan/schema.js";
import { buildPlan } from "../src/planner/index.js";
import type { Profile } from "../src/profile/schema.js";

/** The plan as the model is asked to write it: no notes of its own on exercises. */
export function askedPlan(profile: Profile): Plan {
  const plan = buildPlan(profile);
  const usual = usualFor(profile);
  return {
    ...plan,
    days: plan.days.map((day) => ({
      ...day,
      exercises: day.exercises.map(({ notes: _, ...exercise }) => {
        const notes = usual.exercise(exercise, day.kind).notes;
        return notes === undefined ? exercise : { ...exercise, notes };
      }),
    })),
  };
}

/** The model's answer text for a profile. */
export function modelAnswer(profile: Profile): string {
  return formatPlan(askedPlan(profile), usualFor(profile));
}
