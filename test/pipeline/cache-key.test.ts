import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ageBand,
  ageRule,
  CACHE_KEY_RULES,
  normaliseProfile,
  planCacheKey,
  plannerView,
} from "../../src/pipeline/cache-key.js";
import { buildPlan } from "../../src/planner/index.js";
import { AGE } from "../../src/planner/rules.js";
import { EQUIPMENT, INJURIES, type Profile, ProfileSchema } from "../../src/profile/schema.js";
import { profileArb } from "../planner/arbitraries.js";

const GENERATOR = "planner@1";

const base: Profile = ProfileSchema.parse({
  age: 32,
  goal: "muscle",
  experience: "intermediate",
  equipment: ["dumbbells", "bench"],
  daysPerWeek: 4,
  minutes: 45,
  injuries: ["knees"],
  injuryNotes: "Sore after running",
  units: "kg",
  notes: "I play tennis on Sundays",
});

const key = (changes: Partial<Profile>, generator = GENERATOR, extra?: string) =>
  planCacheKey({ ...base, ...changes }, generator, extra);

describe("planCacheKey", () => {
  it("is a sha256 hex digest", () => {
    expect(key({})).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[string, Partial<Profile>]>([
    ["an age in the same band", { age: 34 }],
    ["minutes within the same 15-minute step", { minutes: 59 }],
    [
      "equipment in another order, with a repeat",
      { equipment: ["dumbbells", "bodyweight", "bench", "bench"] },
    ],
    ["a repeated injury", { injuries: ["knees", "knees"] }],
    ["notes with other case and spacing", { notes: "  i PLAY   tennis\ton sundays " }],
    ["injury notes with other case and spacing", { injuryNotes: "sore  AFTER running " }],
  ])("stays the same for %s", (_, changes) => {
    expect(key(changes)).toBe(key({}));
  });

  it.each<[string, Partial<Profile>]>([
    ["the goal", { goal: "strength" }],
    ["the experience", { experience: "advanced" }],
    ["the days per week", { daysPerWeek: 5 }],
    ["an added injury", { injuries: ["knees", "shoulders"] }],
    ["no injury", { injuries: ["none"] }],
    ["added equipment", { equipment: ["bench", "bodyweight", "dumbbells", "kettlebells"] }],
    ["missing equipment", { equipment: ["bodyweight", "dumbbells"] }],
    ["a full gym", { equipment: ["bench", "bodyweight", "dumbbells", "full_gym"] }],
    ["minutes in the next step down", { minutes: 44 }],
    ["the units", { units: "lb" }],
    ["the words of the notes", { notes: "I play squash on Sundays" }],
    ["the words of the injury notes", { injuryNotes: "Sore after cycling" }],
    ["the band of an older age", { age: 35 }],
  ])("changes with %s", (_, changes) => {
    expect(key(changes)).not.toBe(key({}));
  });

  it.each([
    [17, 18],
    [64, 65],
  ])("never lets ages %i and %i share a key across an age rule", (below, above) => {
    expect(key({ age: below })).not.toBe(key({ age: above }));
  });

  it("changes with the generator and with the extra part", () => {
    expect(key({}, "llm:gpt-4o-mini@3")).not.toBe(key({}));
    expect(key({}, GENERATOR, "replan:2")).not.toBe(key({}));
  });
});

describe("normaliseProfile", () => {
  it("rounds minutes down, so a cached plan fits everyone who shares its key", () => {
    fc.assert(
      fc.property(fc.integer({ min: 15, max: 120 }), (minutes) => {
        const normalised = normaliseProfile({ ...base, minutes }).minutes;
        expect(normalised).toBeLessThanOrEqual(minutes);
        expect(minutes - normalised).toBeLessThan(CACHE_KEY_RULES.minutesStep);
      }),
    );
  });

  it("keeps every age band within one age rule and at most five years wide", () => {
    const rule = (age: number) =>
      CACHE_KEY_RULES.ageRuleStarts.filter((start) => age >= start).length;
    fc.assert(
      fc.property(fc.integer({ min: 13, max: 100 }), fc.integer({ min: 13, max: 100 }), (a, b) => {
        if (ageBand(a) !== ageBand(b)) return;
        expect(rule(a)).toBe(rule(b));
        expect(Math.abs(a - b)).toBeLessThan(CACHE_KEY_RULES.ageBandYears);
      }),
    );
  });

  it("treats profiles alike exactly when their normalised forms are equal", () => {
    const profile = fc.record({
      age: fc.integer({ min: 13, max: 100 }),
      goal: fc.constantFrom(...(["strength", "muscle", "fat_loss"] as const)),
      experience: fc.constantFrom(...(["beginner", "advanced"] as const)),
      equipment: fc.subarray([...EQUIPMENT], { minLength: 1 }),
      daysPerWeek: fc.integer({ min: 1, max: 7 }),
      minutes: fc.integer({ min: 15, max: 120 }),
      injuries: fc.subarray([...INJURIES], { minLength: 1 }),
      injuryNotes: fc.constantFrom("", "Knee pain", "knee  PAIN"),
      units: fc.constantFrom(...(["kg", "lb"] as const)),
      notes: fc.constantFrom("", "Tennis", " tennis "),
    });
    fc.assert(
      fc.property(profile, profile, (a, b) => {
        const sameForm =
          JSON.stringify(normaliseProfile(a)) === JSON.stringify(normaliseProfile(b));
        expect(planCacheKey(a, GENERATOR) === planCacheKey(b, GENERATOR)).toBe(sameForm);
      }),
    );
  });
});

describe("the built-in planner's cache view", () => {
  const plannerKey = (profile: Profile) =>
    planCacheKey(profile, GENERATOR, "", plannerView(profile));

  it("shares a key across ages within one age rule, and across free text and units", () => {
    const same = [
      { ...base, age: 52 },
      { ...base, notes: "Something else entirely" },
      { ...base, injuryNotes: "" },
      { ...base, units: "lb" as const },
    ];
    for (const profile of same) expect(plannerKey(profile)).toBe(plannerKey(base));
  });

  it.each<[string, Partial<Profile>]>([
    ["an age rule", { age: 17 }],
    ["the older age rule", { age: 65 }],
    ["the goal", { goal: "strength" }],
    ["the experience", { experience: "advanced" }],
    ["the days", { daysPerWeek: 3 }],
    ["the minutes step", { minutes: 60 }],
    ["the equipment", { equipment: ["bodyweight", "dumbbells"] }],
    ["an injury", { injuries: ["knees", "wrists"] }],
  ])("never shares a key across %s", (_what, changes) => {
    expect(plannerKey({ ...base, ...changes })).not.toBe(plannerKey(base));
  });

  it("starts its age rules where the planner's do", () => {
    expect(CACHE_KEY_RULES.ageRuleStarts).toEqual([AGE.youthMax + 1, AGE.olderMin]);
    expect([ageRule(17), ageRule(18), ageRule(64), ageRule(65)]).toEqual([
      "<18",
      "18-64",
      "18-64",
      "65+",
    ]);
  });

  it("groups only profiles the planner treats alike: equal views and minutes give equal plans", () => {
    fc.assert(
      fc.property(profileArb, profileArb, (a, b) => {
        const twin: Profile = { ...b, ...a, age: b.age, notes: b.notes, units: b.units };
        fc.pre(JSON.stringify(plannerView(twin)) === JSON.stringify(plannerView(a)));
        expect(buildPlan(twin)).toEqual(buildPlan(a));
      }),
      { numRuns: 60 },
    );
  });
});
