import { describe, expect, it } from "vitest";
import { checkPlan } from "../../src/plan/checks.js";
import { repairPlan } from "../../src/plan/repair.js";
import { buildPlan } from "../../src/planner/index.js";
import { findExercise, isContraindicated } from "../../src/planner/library.js";
import { edited, firstTrainingDay, lift, profile } from "./fixtures.js";

describe("repairPlan", () => {
  it("leaves a passing plan untouched", () => {
    const who = profile();
    const plan = buildPlan(who);
    expect(repairPlan(plan, who)).toEqual({ plan, repaired: [], remaining: [] });
  });

  it("swaps a contraindicated exercise for a safe one instead of dropping it", () => {
    const who = profile({
      injuries: ["knees"],
      equipment: ["bodyweight", "dumbbells"],
      daysPerWeek: 3,
    });
    const broken = edited(buildPlan(who), (p) => {
      const exercise = firstTrainingDay(p).exercises[0];
      if (exercise) exercise.name = "Dumbbell Bulgarian split squat";
    });
    const count = firstTrainingDay(broken).exercises.length;
    const result = repairPlan(broken, who);
    expect(result.repaired).toContain("contraindicated");
    expect(result.remaining).toEqual([]);
    const day = firstTrainingDay(result.plan);
    expect(day.exercises).toHaveLength(count);
    const replacement = findExercise(day.exercises[0]?.name ?? "");
    expect(replacement && isContraindicated(replacement, who.injuries)).toBe(false);
    expect(replacement?.pattern).toMatch(/lunge|squat/);
  });

  it("swaps equipment the person lacks and guesses the pattern of unknown names", () => {
    const who = profile({ equipment: ["bodyweight", "dumbbells", "bench"], daysPerWeek: 3 });
    const broken = edited(buildPlan(who), (p) => {
      const day = firstTrainingDay(p);
      const [first, second] = day.exercises;
      if (first) first.name = "Barbell back squat";
      if (second) second.name = "Spoto bench press with chains";
    });
    const result = repairPlan(broken, who);
    expect(result.repaired).toEqual(
      expect.arrayContaining(["equipment_unavailable", "unknown_exercise"]),
    );
    expect(result.remaining).toEqual([]);
    const [first, second] = firstTrainingDay(result.plan).exercises;
    expect(findExercise(first?.name ?? "")?.pattern).toBe("squat");
    expect(findExercise(second?.name ?? "")?.pattern).toBe("push_horizontal");
  });

  it("trims an over-long session and corrects its stated minutes", () => {
    const who = profile({ minutes: 30 });
    const broken = edited(buildPlan(who), (p) => {
      const day = firstTrainingDay(p);
      for (const exercise of day.exercises) exercise.sets = 6;
      day.minutes = 30;
    });
    const result = repairPlan(broken, who);
    expect(result.repaired).toContain("session_too_long");
    expect(result.remaining.map((v) => v.code)).not.toContain("session_too_long");
    expect(firstTrainingDay(result.plan).minutes).toBeLessThanOrEqual(30);
  });

  it("reorders isolation work after the compound lifts and fills in effort and notes", () => {
    const who = profile({ age: 16, injuries: ["wrists"] });
    const broken = edited(buildPlan(who), (p) => {
      const day = firstTrainingDay(p);
      day.exercises.reverse();
      const exercise = day.exercises[0];
      if (exercise) exercise.effort = "hard";
      p.notes = [];
    });
    const before = checkPlan(broken, who).map((v) => v.code);
    expect(before).toEqual(
      expect.arrayContaining([
        "isolation_before_compound",
        "missing_safety_note",
        "missing_supervision_note",
      ]),
    );
    const result = repairPlan(broken, who);
    expect(result.remaining).toEqual([]);
    expect(result.plan.notes.join(" ")).toMatch(/supervis/i);
  });

  it("lightens near-maximal work for a teenager", () => {
    const who = profile({ age: 14, goal: "strength" });
    const broken = edited(buildPlan(who), (p) => {
      const exercise = firstTrainingDay(p).exercises[0];
      if (exercise) Object.assign(exercise, { reps: "1-3", effort: "RPE 10" });
    });
    const result = repairPlan(broken, who);
    expect(result.repaired).toContain("age_intensity");
    expect(result.remaining).toEqual([]);
  });

  it("trims weekly volume that is too high", () => {
    const who = profile();
    const broken = edited(buildPlan(who), (p) => {
      firstTrainingDay(p).exercises.push(
        lift("Cable fly", { sets: 8, reps: "12-15", restSeconds: 30 }),
      );
    });
    const result = repairPlan(broken, who);
    const codes = result.remaining.map((v) => v.code);
    expect(codes).not.toContain("volume_high");
    expect(codes).not.toContain("session_volume_high");
  });

  it("reports what it cannot fix, such as the wrong number of days", () => {
    const who = profile();
    const broken = edited(buildPlan(who), (p) => {
      Object.assign(firstTrainingDay(p), { kind: "rest", exercises: [], warmup: [], minutes: 0 });
    });
    const result = repairPlan(broken, who);
    expect(result.remaining.map((v) => v.code)).toContain("day_count");
    expect(result.repaired).not.toContain("day_count");
  });
});
