import { describe, expect, it } from "vitest";
import { checkPlan } from "../../src/plan/checks.js";
import { type Plan, PlanSchema } from "../../src/plan/schema.js";
import { buildPlan, estimateDayMinutes } from "../../src/planner/index.js";
import { findExercise, hasEquipment, isContraindicated } from "../../src/planner/library.js";
import type { ProfileInput } from "../../src/profile/schema.js";
import { profile } from "../plan/fixtures.js";

function names(plan: Plan): string[] {
  return plan.days.flatMap((day) => day.exercises.map((e) => e.name));
}

const TABLE: { name: string; input: Partial<ProfileInput>; extra: (plan: Plan) => void }[] = [
  {
    name: "bodyweight with bad knees",
    input: {
      equipment: ["bodyweight"],
      injuries: ["knees"],
      goal: "muscle",
      daysPerWeek: 3,
      minutes: 45,
    },
    extra: (plan) => {
      expect(names(plan)).not.toContain("Bodyweight squat");
      expect(
        plan.days.some((d) => d.exercises.some((e) => /spare your knees/.test(e.notes ?? ""))),
      ).toBe(true);
      expect(plan.notes.join(" ")).toMatch(/pain persists/);
    },
  },
  {
    name: "seven days of twenty minutes",
    input: { daysPerWeek: 7, minutes: 20, goal: "general", experience: "intermediate" },
    extra: (plan) => {
      expect(plan.days.filter((d) => d.kind === "recovery").length).toBeGreaterThanOrEqual(2);
      expect(plan.days.every((d) => d.kind !== "rest")).toBe(true);
    },
  },
  {
    name: "age 15",
    input: {
      age: 15,
      goal: "strength",
      experience: "intermediate",
      equipment: ["full_gym"],
      daysPerWeek: 4,
    },
    extra: (plan) => {
      for (const e of plan.days.flatMap((d) => d.exercises)) {
        if (e.reps) expect(Number.parseInt(e.reps, 10)).toBeGreaterThanOrEqual(6);
      }
      expect(plan.notes.join(" ")).toMatch(/supervis/i);
    },
  },
  {
    name: "age 72 beginner",
    input: {
      age: 72,
      experience: "beginner",
      goal: "general",
      equipment: ["bodyweight", "dumbbells"],
      daysPerWeek: 4,
      minutes: 40,
    },
    extra: (plan) => {
      const training = plan.days.filter((d) => d.kind === "training");
      expect(training.length).toBeLessThanOrEqual(3);
      for (const day of training) expect(day.warmup.join(" ")).toMatch(/balance/i);
      expect(names(plan).every((n) => (findExercise(n)?.difficulty ?? 3) < 3)).toBe(true);
    },
  },
  {
    name: "full gym, advanced, strength, six days",
    input: {
      goal: "strength",
      experience: "advanced",
      equipment: ["full_gym"],
      daysPerWeek: 6,
      minutes: 90,
    },
    extra: (plan) => {
      expect(plan.days.filter((d) => d.kind === "training").map((d) => d.focus)).toEqual([
        "Push: chest, shoulders, triceps",
        "Pull: back, biceps",
        "Legs and glutes",
        "Push: chest, shoulders, triceps",
        "Pull: back, biceps",
        "Legs and glutes",
      ]);
      expect(names(plan)).toContain("Barbell back squat");
    },
  },
  {
    name: "bands only with a shoulder injury",
    input: {
      equipment: ["bands"],
      injuries: ["shoulders"],
      goal: "general",
      daysPerWeek: 3,
      minutes: 30,
    },
    extra: (plan) => {
      expect(names(plan)).not.toContain("Band overhead press");
      const patterns = names(plan).map((n) => findExercise(n)?.pattern);
      expect(patterns).toContain("pull_horizontal");
      expect(
        plan.days.some((d) => d.exercises.some((e) => /spare your shoulders/.test(e.notes ?? ""))),
      ).toBe(true);
    },
  },
];

describe("tricky profiles", () => {
  for (const row of TABLE) {
    it(`gives ${row.name} a plan that fits equipment, injuries, days and minutes`, () => {
      const who = profile(row.input);
      const plan = buildPlan(who);
      expect(PlanSchema.safeParse(plan).success).toBe(true);
      expect(checkPlan(plan, who)).toEqual([]);
      expect(plan.days.filter((d) => d.kind !== "rest").length).toBe(who.daysPerWeek);
      for (const day of plan.days) {
        expect(day.minutes).toBeLessThanOrEqual(who.minutes);
        expect(day.minutes).toBe(estimateDayMinutes(day));
      }
      for (const name of names(plan)) {
        const def = findExercise(name);
        expect(def, name).toBeDefined();
        if (!def) continue;
        expect(hasEquipment(def, who.equipment), name).toBe(true);
        expect(isContraindicated(def, who.injuries), name).toBe(false);
      }
      row.extra(plan);
    });
  }
});
