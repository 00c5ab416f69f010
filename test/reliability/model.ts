/**
 * A model for the fake OpenAI server that answers any plan request well: it reads the profile out
 * of the request's JSON data and writes the built-in planner's plan for it in the line format, as
 * a good model would.
 */
import { usualFor } from "../../src/llm/decode.js";
import { formatPlan } from "../../src/llm/format.js";
import { buildPlan } from "../../src/planner/index.js";
import { type Profile, ProfileSchema } from "../../src/profile/schema.js";
import type { RecordedRequest } from "../fakes/openai-server.js";

/** The profile a request carries in its user message. */
export function requestProfile(request: RecordedRequest): Profile {
  const data = JSON.parse(request.body.messages[1]?.content ?? "{}") as Record<string, unknown>;
  return ProfileSchema.parse({
    age: data.age,
    goal: data.goal,
    experience: data.experience,
    equipment: data.equipment,
    daysPerWeek: data.daysPerWeek,
    minutes: data.minutes,
    injuries: data.injuries,
  });
}

/** A plan that passes the checks for the request's profile, in the line format. */
export function goodAnswer(request: RecordedRequest): string {
  const profile = requestProfile(request);
  return formatPlan(buildPlan(profile), usualFor(profile));
}
