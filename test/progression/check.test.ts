import { describe, expect, it } from "vitest";
import type { Feedback } from "../../src/pipeline/types.js";
import type { Plan } from "../../src/plan/schema.js";
import { buildPlan } from "../../src/planner/index.js";
import { ProfileSchema } from "../../src/profile/schema.js";
import { checkProgression, weeklySets } from "../../src/progression/check.js";
import { decideWeek } from "../../src/progression/progress.js";

const profile = ProfileSchema.parse({ age: 30, goal: "strength", equipment: ["barbell", "bench"] });
const base = buildPlan(profile);
const feedback = (rating: Feedback["rating"], sessionsDone = 3): Feedback => ({
  sessionsDone,
  rating,
  painful: [],
});

/** The plan with `extra` sets added to its first strength exercise. */
function withExtraSets(plan: Plan, extra: number): Plan {
  const days = plan.days.map((day, index) =>
    index === 0
      ? {
          ...day,
          exercises: day.exercises.map((e, i) => (i === 0 ? { ...e, sets: e.sets + extra } : e)),
        }
      : day,
  );
  return { ...plan, days };
}

describe("checkProgression", () => {
  it("allows a small rise after too easy and none after too hard or missed sessions", () => {
    const before = weeklySets(base);
    expect(checkProgression(base, withExtraSets(base, 2), feedback("too_easy"))).toEqual([]);
    expect(checkProgression(base, withExtraSets(base, 1), feedback("too_hard"))).toMatchObject([
      { code: "volume_jump" },
    ]);
    expect(checkProgression(base, withExtraSets(base, 1), feedback("about_right", 1))).toHaveLength(
      1,
    );
    const big = Math.ceil(before * 0.2) + 1;
    expect(checkProgression(base, withExtraSets(base, big), feedback("too_easy"))).toHaveLength(1);
  });

  it("does not hold back the return from a deload week", () => {
    const deload = { ...base, title: "Week 6, deload: strength" };
    expect(checkProgression(deload, withExtraSets(base, 10), feedback("about_right"))).toEqual([]);
  });
});

describe("decideWeek", () => {
  const input = (rating: Feedback["rating"], extra: object = {}) => ({
    week: 2,
    previous: base,
    feedback: feedback(rating),
    hardWeeks: 1,
    ...extra,
  });

  it("chooses deload, reduce, hold, progress or more volume from the feedback", () => {
    expect(decideWeek(input("about_right", { hardWeeks: 5 }))).toBe("deload");
    expect(decideWeek(input("too_hard", { previousRating: "too_hard" }))).toBe("deload");
    expect(decideWeek(input("too_hard"))).toBe("reduce");
    expect(decideWeek({ ...input("about_right"), feedback: feedback("about_right", 1) })).toBe(
      "reduce",
    );
    expect(decideWeek({ ...input("too_easy"), feedback: feedback("too_easy", 2) })).toBe("hold");
    expect(decideWeek(input("about_right"))).toBe("progress");
    expect(decideWeek(input("too_easy"))).toBe("volume_up");
  });
});
