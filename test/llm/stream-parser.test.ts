import { describe, expect, it } from "vitest";
import { createDecoder, usualFor } from "../../src/llm/decode.js";
import { formatPlan, parseLine } from "../../src/llm/format.js";
import { createPlanStreamParser } from "../../src/llm/stream-parser.js";
import { type Exercise, type Plan, PlanSchema } from "../../src/plan/schema.js";
import { ANSWER, PROFILE } from "./helpers.js";

const never = () => false;
const decoder = createDecoder(PROFILE);

/** Feeds text in pieces of `size` characters, keeping every partial view produced. */
function feed(text: string, size: number) {
  const parser = createPlanStreamParser(decoder, never);
  const partials = [];
  for (let at = 0; at < text.length; at += size) {
    if (parser.push(text.slice(at, at + size))) partials.push(parser.partial());
  }
  return { partials, answer: parser.finish(true) };
}

describe("parseLine", () => {
  it("reads reps, timed work, rest with a unit and an optional note", () => {
    expect(parseLine("Push-up|3|8-12")).toEqual({
      tag: "exercise",
      exercise: { name: "Push-up", sets: 3, reps: "8-12" },
    });
    expect(parseLine(" E | Plank | 3 | 45 sec | 30s | RPE 7 | hips level ")).toEqual({
      tag: "exercise",
      exercise: {
        name: "Plank",
        sets: 3,
        seconds: 45,
        restSeconds: 30,
        effort: "RPE 7",
        notes: "hips level",
      },
    });
  });

  it("ignores prose, code fences and lines with too few fields", () => {
    for (const line of ["Here is your plan:", "```", "", "Push-up", "D|1", "X|a|b", "Note|see"]) {
      expect(parseLine(line)).toBeUndefined();
    }
  });

  it("leaves numbers it cannot read as NaN for the schema to reject", () => {
    const line = parseLine("Push-up|3x|8-12");
    expect(line?.tag === "exercise" && Number.isNaN(line.exercise.sets)).toBe(true);
  });
});

describe("formatPlan", () => {
  it("writes a plan that reads back to the same plan", () => {
    const plan = PlanSchema.parse(feed(ANSWER, 1_000).answer.candidate);
    const again = PlanSchema.parse(
      feed(formatPlan(plan, usualFor(PROFILE)), 1_000).answer.candidate,
    );
    expect(again).toEqual(plan);
  });

  it("writes every field when asked for the full form", () => {
    const plan = PlanSchema.parse(feed(ANSWER, 1_000).answer.candidate);
    const full = formatPlan(plan);
    expect(full).toMatch(/\nW\|.+;/);
    expect(full).toMatch(/\nGoblet squat\|3\|\d+-\d+\|\d+\|RIR/);
  });

  it("writes a plan as the model does: only what differs from the usual dose", () => {
    const plan = PlanSchema.parse(feed(ANSWER, 1_000).answer.candidate);
    expect(formatPlan(plan, usualFor(PROFILE))).toBe(ANSWER);
  });
});

describe("createPlanStreamParser", () => {
  it("shows only finished items, whatever the chunk size", () => {
    const finalPlan = PlanSchema.parse(feed(ANSWER, 1_000).answer.candidate);
    const finished = new Set(
      finalPlan.days.flatMap((day) => day.exercises).map((exercise) => JSON.stringify(exercise)),
    );

    for (const size of [1, 2, 3, 5, 8, 13, 40]) {
      const { partials } = feed(ANSWER, size);
      const shown: Exercise[] = partials.flatMap((partial) =>
        partial.days.flatMap((day) => day.exercises),
      );
      expect(shown.length).toBeGreaterThan(0);
      for (const exercise of shown) expect(finished.has(JSON.stringify(exercise))).toBe(true);
      for (const partial of partials) {
        expect(partial.days.map((day) => day.day)).toEqual(
          partial.days.map((_, index) => index + 1),
        );
      }
    }
  });

  it("grows one item at a time, never losing what was shown", () => {
    const { partials } = feed(ANSWER, 4);
    const count = (plan: { days: readonly Plan["days"][number][] }) =>
      plan.days.reduce((sum, day) => sum + day.exercises.length, 0);
    for (let index = 1; index < partials.length; index += 1) {
      const before = partials[index - 1];
      const after = partials[index];
      if (!before || !after) continue;
      expect(count(after)).toBeGreaterThanOrEqual(count(before));
      expect(after.days.length).toBeGreaterThanOrEqual(before.days.length);
    }
  });

  it("holds back a last line that was never finished", () => {
    const parser = createPlanStreamParser(decoder, never);
    parser.push("D|1|training|Legs\nGoblet squat|3|8-1");
    expect(parser.partial().days[0]?.exercises).toEqual([]);
    const cut = parser.finish(false).candidate as Plan;
    expect(cut.days[0]?.exercises).toEqual([]);
  });

  it("drops lines the guard flags, and counts them", () => {
    const parser = createPlanStreamParser(decoder, (line: string) => line.includes("secret"));
    parser.push("D|1|training|Legs\nN|the secret rules\nN|Rest well\n");
    const answer = parser.finish(true);
    expect((answer.candidate as Plan).notes).toContain("Rest well");
    expect((answer.candidate as Plan).notes.join()).not.toContain("secret");
    expect(answer.leaked).toBe(1);
  });

  it("passes duplicated days through as written, for the schema to reject", () => {
    const parser = createPlanStreamParser(decoder, never);
    parser.push("D|1|training|A\nD|1|training|B\n");
    const candidate = parser.finish(true).candidate as Plan;
    expect(candidate.days).toHaveLength(2);
    expect(PlanSchema.safeParse(candidate).success).toBe(false);
  });
});
