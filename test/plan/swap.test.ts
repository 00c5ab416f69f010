import { describe, expect, it } from "vitest";
import { checkPlan } from "../../src/plan/checks.js";
import { applySwap, swapOptions } from "../../src/plan/swap.js";
import { buildPlan } from "../../src/planner/index.js";
import { findExercise, hasEquipment, isContraindicated } from "../../src/planner/library.js";
import { firstTrainingDay, profile } from "./fixtures.js";

describe("swapOptions", () => {
  it("offers up to five safe, available alternatives of the same kind of movement", () => {
    const who = profile({ equipment: ["bodyweight", "dumbbells"], injuries: ["knees"] });
    const plan = buildPlan(who);
    const day = firstTrainingDay(plan);
    const original = findExercise(day.exercises[0]?.name ?? "");
    const options = swapOptions(plan, day.day, 0, who);
    expect(options.length).toBeGreaterThan(0);
    expect(options.length).toBeLessThanOrEqual(5);
    for (const name of options) {
      const def = findExercise(name);
      expect(def).toBeDefined();
      if (!def) continue;
      expect(hasEquipment(def, who.equipment)).toBe(true);
      expect(isContraindicated(def, who.injuries)).toBe(false);
      expect(day.exercises.map((e) => e.name)).not.toContain(name);
    }
    const first = findExercise(options[0] ?? "");
    expect(first?.primary.some((m) => original?.primary.includes(m))).toBe(true);
  });

  it("returns nothing for a day or index that does not exist", () => {
    const who = profile();
    const plan = buildPlan(who);
    expect(swapOptions(plan, 7, 0, who)).toEqual([]);
    expect(swapOptions(plan, 1, 99, who)).toEqual([]);
  });
});

describe("applySwap", () => {
  it("keeps every offered swap passing the checks, with sets kept", () => {
    for (const who of [
      profile(),
      profile({ equipment: ["bands"], injuries: ["shoulders"], daysPerWeek: 3 }),
    ]) {
      const plan = buildPlan(who);
      for (const day of plan.days.filter((d) => d.kind === "training")) {
        day.exercises.forEach((exercise, index) => {
          for (const name of swapOptions(plan, day.day, index, who)) {
            const swapped = applySwap(plan, day.day, index, name, who);
            expect(checkPlan(swapped, who)).toEqual([]);
            const line = swapped.days[day.day - 1]?.exercises[index];
            expect(line?.name).toBe(name);
            expect(line?.sets).toBe(exercise.sets);
          }
        });
      }
    }
  });

  it("prescribes seconds for a hold and reps for a lift", () => {
    const who = profile({ equipment: ["bodyweight"], goal: "general", daysPerWeek: 3 });
    const plan = buildPlan(who);
    const day = firstTrainingDay(plan);
    const index = day.exercises.findIndex((e) => findExercise(e.name)?.pattern === "squat");
    const options = swapOptions(plan, day.day, index, who);
    const hold = options.find((name) => findExercise(name)?.timed);
    if (hold) {
      const line = applySwap(plan, day.day, index, hold, who).days[day.day - 1]?.exercises[index];
      expect(line?.seconds).toBeGreaterThan(0);
      expect(line?.reps).toBeUndefined();
    }
    const rep = options.find((name) => !findExercise(name)?.timed);
    const line = applySwap(plan, day.day, index, rep ?? "", who).days[day.day - 1]?.exercises[
      index
    ];
    expect(line?.reps).toMatch(/^\d+(-\d+)?$/);
  });

  it("refuses a name that is not a safe option", () => {
    const who = profile({ injuries: ["knees"] });
    const plan = buildPlan(who);
    const day = firstTrainingDay(plan);
    expect(() => applySwap(plan, day.day, 0, "Pistol squat", who)).toThrow(RangeError);
    expect(() => applySwap(plan, day.day, 0, "Moon squat", who)).toThrow(RangeError);
  });
});
