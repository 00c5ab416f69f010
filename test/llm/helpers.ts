/** Shared pieces of the LLM tests: a profile, a plan answer in the line format, a collector. */
import type { GeneratorChunk, PlanGenerator } from "../../src/pipeline/types.js";
import { type Profile, ProfileSchema } from "../../src/profile/schema.js";

export const PROFILE: Profile = ProfileSchema.parse({
  age: 34,
  goal: "muscle",
  experience: "intermediate",
  equipment: ["dumbbells", "bench"],
  daysPerWeek: 3,
  minutes: 45,
  injuries: ["none"],
});

/** A small, schema-valid answer as the model writes it: three training days and a note. */
export const ANSWER = [
  "T|Dumbbell full body",
  "D|1|training|Full body A",
  "Goblet squat|3",
  "Dumbbell bench press|3",
  "Forearm plank|3|30s|45",
  "D|3|training|Full body B",
  "Dumbbell Romanian deadlift|3",
  "One-arm dumbbell row|3|10-12|60|RIR 2|Brace on the bench",
  "D|5|training|Full body C",
  "Split squat|3",
  "N|Add a rep each week until you reach the top of the range.",
].join("\n");

/** The exercises offered to the model in these tests, as the prompt groups them. */
export const MENU = {
  squat: ["Goblet squat"],
  hinge: ["Dumbbell Romanian deadlift"],
  lunge: ["Split squat"],
  "push horizontal": ["Dumbbell bench press"],
  "pull horizontal": ["One-arm dumbbell row"],
  core: ["Forearm plank"],
};

export interface Collected {
  readonly partials: Extract<GeneratorChunk, { type: "partial" }>[];
  readonly final?: Extract<GeneratorChunk, { type: "final" }>;
  readonly error?: unknown;
}

/** Runs a generator to the end, keeping every chunk and the error it ended with, if any. */
export async function collect(
  generator: PlanGenerator,
  profile: Profile = PROFILE,
  context: Partial<Parameters<PlanGenerator["generate"]>[1]> = {},
): Promise<Collected> {
  const partials: Collected["partials"] = [];
  let final: Collected["final"];
  try {
    for await (const chunk of generator.generate(profile, {
      signal: new AbortController().signal,
      ...context,
    })) {
      if (chunk.type === "partial") partials.push(chunk);
      else final = chunk;
    }
    return { partials, ...(final ? { final } : {}) };
  } catch (error) {
    return { partials, ...(final ? { final } : {}), error };
  }
}
