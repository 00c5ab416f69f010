/**
 * A good model, for the fake OpenAI server: it reads the profile out of a plan request's JSON user
 * message and answers with the built-in planner's plan for it, in the line format the LLM
 * generator asks for and written the way the prompt asks (the decoder fills in doses, warm-ups,
 * minutes and standard notes, so those are left out). Tests, benchmarks and
 * test/fakes/serve-openai.ts use it.
 */
import { usualFor } from "../../src/llm/decode.js";
import { formatPlan } from "../../src/llm/format.js";
import type { Plan } from "../../src/plan/schema.js";
import { buildPlan } from "../../src/planner/index.js";
import { type Profile, ProfileSchema } from "../../src/profile/schema.js";
import type { RecordedRequest } from "./openai-server.js";

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

/** The profile a plan request carries as JSON in its user message. */
export function requestProfile(request: RecordedRequest): Profile {
  const user = request.body.messages.find((message) => message.role === "user");
  const data = JSON.parse(user?.content ?? "{}") as Record<string, unknown>;
  return ProfileSchema.parse({
    age: data.age,
    goal: data.goal,
    experience: data.experience,
    equipment: data.equipment,
    daysPerWeek: data.daysPerWeek,
    minutes: data.minutes,
    injuries: data.injuries,
    injuryNotes: data.injuryNotes ?? "",
    notes: data.notes ?? "",
  });
}

/** A plan that passes the checks for the request's profile, as the model would write it. */
export function goodAnswer(request: RecordedRequest): string {
  return modelAnswer(requestProfile(request));
}
