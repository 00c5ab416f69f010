import { describe, expect, it } from "vitest";
import type { Feedback } from "../../src/pipeline/types.js";
import { checkPlan } from "../../src/plan/checks.js";
import { buildPlan } from "../../src/planner/index.js";
import { ProfileSchema } from "../../src/profile/schema.js";

const profiles = [
  {
    age: 34,
    goal: "muscle",
    experience: "intermediate",
    equipment: ["dumbbells", "bench"],
    daysPerWeek: 3,
    minutes: 45,
  },
  {
    age: 27,
    goal: "strength",
    experience: "advanced",
    equipment: ["full_gym"],
    daysPerWeek: 4,
    minutes: 60,
  },
  {
    age: 45,
    goal: "general",
    experience: "beginner",
    equipment: ["bodyweight"],
    daysPerWeek: 2,
    minutes: 30,
  },
].map((input) => ProfileSchema.parse(input));

describe("a re-planned week", () => {
  it.each<Feedback["rating"]>(["too_easy", "about_right"])(
    "moves every training day on after a full week rated %s, within the minutes",
    (rating) => {
      for (const profile of profiles) {
        const week1 = buildPlan(profile);
        const feedback: Feedback = { sessionsDone: profile.daysPerWeek, rating, painful: [] };
        const week2 = buildPlan(profile, { week: 2, previous: week1, feedback, hardWeeks: 1 });

        expect(checkPlan(week2, profile)).toEqual([]);
        week2.days.forEach((day, index) => {
          if (day.kind !== "training") return;
          expect(day.minutes).toBeLessThanOrEqual(profile.minutes);
          expect(day.exercises).not.toEqual(week1.days[index]?.exercises);
        });
      }
    },
  );
});
