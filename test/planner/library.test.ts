import { describe, expect, it } from "vitest";
import {
  exerciseNamesFor,
  findExercise,
  isContraindicated,
  LIBRARY,
  normalizeName,
} from "../../src/planner/library.js";
import { PATTERNS } from "../../src/planner/types.js";
import { profile } from "../plan/fixtures.js";

describe("the exercise library", () => {
  it("holds at least 120 exercises with names unique after normalising", () => {
    expect(LIBRARY.length).toBeGreaterThanOrEqual(120);
    const names = LIBRARY.map((def) => normalizeName(def.name));
    expect(new Set(names).size).toBe(names.length);
  });

  it("resolves every alias to its own exercise, never to another one", () => {
    for (const def of LIBRARY) {
      for (const alias of def.aliases) expect(findExercise(alias)?.name, alias).toBe(def.name);
    }
  });

  it("lists only substitutes that exist in the library", () => {
    for (const def of LIBRARY) {
      for (const name of def.substitutes)
        expect(findExercise(name), `${def.name} -> ${name}`).toBeDefined();
    }
  });

  it("covers every movement pattern with bodyweight alone, bar vertical pulls and carries", () => {
    const bodyweight = LIBRARY.filter((def) => def.equipment.length === 0);
    const needGear = ["carry", "pull_vertical"];
    const missing = PATTERNS.filter(
      (pattern) =>
        !needGear.includes(pattern) && !bodyweight.some((def) => def.pattern === pattern),
    );
    expect(missing).toEqual([]);
    expect(bodyweight.length).toBeGreaterThanOrEqual(50);
  });

  it("offers an LLM only exercises the profile has equipment for and can do safely", () => {
    const who = profile({ equipment: ["bands"], injuries: ["shoulders"] });
    const names = exerciseNamesFor(who);
    expect(names).toContain("Band row");
    expect(names).not.toContain("Dumbbell bench press");
    expect(names).not.toContain("Band overhead press");
    for (const name of names) {
      const def = findExercise(name);
      expect(def && isContraindicated(def, who.injuries)).toBe(false);
    }
  });

  it("lets full_gym stand for every piece of equipment", () => {
    expect(exerciseNamesFor(profile({ equipment: ["full_gym"] })).length).toBe(LIBRARY.length);
  });
});
