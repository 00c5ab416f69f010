import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createDecoder, usualFor } from "../../src/llm/decode.js";
import { formatPlan } from "../../src/llm/format.js";
import { createPlanStreamParser } from "../../src/llm/stream-parser.js";
import { checkPlan } from "../../src/plan/checks.js";
import { PlanSchema } from "../../src/plan/schema.js";
import { buildPlan } from "../../src/planner/index.js";
import { ProfileSchema } from "../../src/profile/schema.js";

const examples = new URL("../../examples/profiles/", import.meta.url);
const profiles = readdirSync(examples)
  .filter((file) => file.endsWith(".json"))
  .map((file) => ({
    name: file,
    profile: ProfileSchema.parse(JSON.parse(readFileSync(new URL(file, examples), "utf8"))),
  }));

describe("the line format with the decoder", () => {
  it.each(profiles)("carries the built-in plan for $name through the checks", ({ profile }) => {
    // The planner's plan, written the short way the model is asked to write, then read back.
    const text = formatPlan(buildPlan(profile), usualFor(profile));
    const parser = createPlanStreamParser(createDecoder(profile), () => false);
    parser.push(text);
    const plan = PlanSchema.parse(parser.finish(true).candidate);
    expect(checkPlan(plan, profile)).toEqual([]);
  });
});
