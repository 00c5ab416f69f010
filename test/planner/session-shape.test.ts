import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Day } from "../../src/plan/schema.js";
import { buildPlan } from "../../src/planner/index.js";
import { findExercise } from "../../src/planner/library.js";
import {
  exercisesPerSession,
  liftingMinutes,
  WEEKLY_SETS,
  weeklyFloor,
} from "../../src/planner/rules.js";
import { MAJOR_MUSCLES } from "../../src/planner/types.js";
import { weekSets } from "../../src/planner/volume.js";
import { type Profile, type ProfileInput, ProfileSchema } from "../../src/profile/schema.js";
import { profile } from "../plan/fixtures.js";

const EXAMPLES = new URL("../../examples/profiles/", import.meta.url);

const examples: [string, Profile][] = readdirSync(EXAMPLES)
  .filter((file) => file.endsWith(".json"))
  .map((file) => [
    file,
    ProfileSchema.parse(JSON.parse(readFileSync(new URL(file, EXAMPLES), "utf8"))),
  ]);

const unusual: [string, Partial<ProfileInput>][] = [
  ["7 days of 20 minutes", { daysPerWeek: 7, minutes: 20, goal: "general" }],
  ["age 15", { age: 15, goal: "strength", daysPerWeek: 4 }],
  ["age 72 beginner", { age: 72, experience: "beginner", goal: "general", daysPerWeek: 3 }],
  ["bands and a sore shoulder", { equipment: ["bands"], injuries: ["shoulders"], minutes: 40 }],
  [
    "full gym, advanced strength, 6 days",
    { goal: "strength", experience: "advanced", daysPerWeek: 6, minutes: 75 },
  ],
  [
    "bodyweight, bad knees, 15 minutes",
    { equipment: ["bodyweight"], injuries: ["knees"], daysPerWeek: 3, minutes: 15 },
  ],
];

const PROFILES: [string, Profile][] = [
  ...examples,
  ...unusual.map(([name, input]): [string, Profile] => [name, profile(input)]),
];

const ORDER: Record<string, number> = { compound: 0, isolation: 1, core: 2, conditioning: 3 };

function lifts(day: Day) {
  return day.exercises.filter((e) => (ORDER[findExercise(e.name)?.kind ?? ""] ?? 9) <= 2);
}

describe("planned sessions read like a coach wrote them", () => {
  for (const [name, who] of PROFILES) {
    const plan = buildPlan(who);
    const training = plan.days.filter((day) => day.kind === "training");

    it(`${name}: a handful of exercises a session, several sets each`, () => {
      for (const day of training) {
        const count = lifts(day).length;
        expect(count, `day ${day.day}`).toBeGreaterThanOrEqual(3);
        expect(count, `day ${day.day}`).toBeLessThanOrEqual(exercisesPerSession(who) + 1);
        if (liftingMinutes(who) > 18) {
          expect(lifts(day).filter((e) => e.sets === 1)).toEqual([]);
        }
      }
    });

    it(`${name}: compounds first with the most sets, then accessories, core, conditioning`, () => {
      for (const day of training) {
        const kinds = day.exercises.map((e) => ORDER[findExercise(e.name)?.kind ?? ""] ?? 9);
        expect(kinds).toEqual([...kinds].sort((a, b) => a - b));
        expect(kinds[0]).toBe(0);
        const sets = (kind: number) =>
          day.exercises.filter((_, i) => kinds[i] === kind).map((e) => e.sets);
        expect(Math.max(...sets(0))).toBeGreaterThanOrEqual(Math.max(0, ...sets(1), ...sets(2)));
      }
    });

    it(`${name}: weekly volume per major muscle inside the documented range`, () => {
      const week = weekSets(plan);
      const floor = weeklyFloor(who);
      for (const muscle of MAJOR_MUSCLES) {
        expect(week[muscle], muscle).toBeGreaterThanOrEqual(floor[muscle]);
        expect(week[muscle], muscle).toBeLessThanOrEqual(WEEKLY_SETS[who.experience].max);
      }
    });
  }

  it("varies full-body days A, B and C while the main lifts recur", () => {
    const who = examples.find(([file]) => file.startsWith("dumbbells"))?.[1] as Profile;
    const days = buildPlan(who).days.filter((day) => day.kind === "training");
    const names = days.map((day) => day.exercises.map((e) => e.name));
    expect(new Set(names.map((list) => list.join("|"))).size).toBe(days.length);
    const first = new Set(names[0]);
    expect(names.slice(1).some((list) => list.some((n) => first.has(n)))).toBe(true);
  });
});
