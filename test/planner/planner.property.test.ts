import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPlan } from "../../src/plan/checks.js";
import { PlanSchema } from "../../src/plan/schema.js";
import { buildPlan } from "../../src/planner/index.js";
import { profileArb } from "./arbitraries.js";

describe("buildPlan over the whole profile space", () => {
  it("always gives a plan that passes the schema and every plan check", () => {
    fc.assert(
      fc.property(profileArb, (profile) => {
        const plan = buildPlan(profile);
        expect(PlanSchema.safeParse(plan).success).toBe(true);
        expect(checkPlan(plan, profile)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it("gives the identical plan for the same profile", () => {
    fc.assert(
      fc.property(profileArb, (profile) => {
        expect(buildPlan(structuredClone(profile))).toEqual(buildPlan(profile));
      }),
      { numRuns: 100 },
    );
  });
});
