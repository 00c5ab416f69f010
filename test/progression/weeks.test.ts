/**
 * Eight simulated weeks of feedback through /replan, a week apart on a fake clock: each week's
 * plan moves as the progression rules say, deloads come when due, and every plan passes the plan
 * checks and the progression check.
 */
import { describe, expect, it } from "vitest";
import type { Feedback } from "../../src/pipeline/types.js";
import { checkPlan } from "../../src/plan/checks.js";
import type { Plan } from "../../src/plan/schema.js";
import { repRange } from "../../src/planner/estimate.js";
import { ProfileSchema } from "../../src/profile/schema.js";
import { checkProgression, weeklySets } from "../../src/progression/check.js";
import { isDeloadPlan } from "../../src/progression/deload.js";
import { harness } from "../features/harness.js";

const WEEK = 7 * 86_400_000;
const profile = ProfileSchema.parse({
  age: 34,
  goal: "muscle",
  experience: "intermediate",
  equipment: ["barbell", "dumbbells", "bench"],
  daysPerWeek: 4,
  minutes: 60,
});

const script: { done: number; rating: string; hurt?: boolean }[] = [
  { done: 4, rating: "About right" }, // -> week 2: reps climb
  { done: 4, rating: "Too easy" }, // -> week 3: faster, one more set a day
  { done: 4, rating: "About right", hurt: true }, // -> week 4: the painful lift is swapped
  { done: 3, rating: "About right" }, // -> week 5: a session missed, loads held
  { done: 4, rating: "About right" }, // -> week 6: five loading weeks, deload
  { done: 4, rating: "Too easy" }, // -> week 7: back to full volume and more
  { done: 4, rating: "Too hard" }, // -> week 8: fewer sets
  { done: 4, rating: "Too hard" }, // -> week 9: too hard twice, deload
];

function floorOf(plan: Plan, name: string): number | undefined {
  for (const day of plan.days) {
    const found = day.exercises.find((exercise) => exercise.name === name && exercise.reps);
    if (found?.reps) return repRange(found.reps)?.[0];
  }
  return undefined;
}

describe("eight weeks of re-plans", () => {
  it("progress, hold, reduce and deload as the rules say, and every plan passes the checks", async () => {
    const h = harness();
    const plans: Plan[] = [await h.firstPlan(profile)];
    const hurtName = plans[0]?.days[0]?.exercises[0]?.name ?? "";

    for (const [index, week] of script.entries()) {
      h.time.advance(WEEK);
      const previous = plans[plans.length - 1] as Plan;
      await h.command("replan");
      await h.press(String(week.done));
      await h.press(week.rating);
      if (week.hurt) {
        await h.press(hurtName);
        await h.press("Done");
      } else {
        await h.press("None");
      }
      const { plan } = await h.press("Keep everything");
      if (!plan) throw new Error(`no plan in week ${index + 2}`);

      const feedback: Feedback = {
        sessionsDone: week.done,
        rating: (
          { "About right": "about_right", "Too easy": "too_easy", "Too hard": "too_hard" } as const
        )[week.rating as "About right"],
        painful: week.hurt ? [hurtName] : [],
      };
      expect(checkPlan(plan, profile), `week ${index + 2}`).toEqual([]);
      expect(checkProgression(previous, plan, feedback), `week ${index + 2}`).toEqual([]);
      expect(plan.title.startsWith(`Week ${index + 2}`)).toBe(true);
      plans.push(plan);
    }

    const [w1, w2, w3, w4, w5, w6, w7, w8, w9] = plans as [
      Plan,
      Plan,
      Plan,
      Plan,
      Plan,
      Plan,
      Plan,
      Plan,
      Plan,
    ];
    const sets = plans.map(weeklySets);
    const squat = w1.days[1]?.exercises[0]?.name ?? "";

    // Reps first: the bottom of the range climbs at the same load.
    expect(floorOf(w2, squat)).toBeGreaterThan(floorOf(w1, squat) ?? 99);
    // Too easy: reps climb faster and volume rises, within the cap.
    expect(sets[2]).toBeGreaterThan(sets[1] ?? 0);
    // Then load: once the top was reached, the note asks for the smallest step for a barbell.
    const notes = [w3, w4].flatMap((plan) =>
      plan.days.flatMap((day) => day.exercises.map((e) => e.notes ?? "")),
    );
    expect(notes.some((note) => /^Add 5 kg this week/.test(note))).toBe(true);
    expect(notes.some((note) => /Add 1 kg per dumbbell this week/.test(note))).toBe(true);
    // The exercise that hurt is gone, and stays gone.
    for (const plan of [w4, w5]) {
      expect(plan.days.flatMap((day) => day.exercises.map((e) => e.name))).not.toContain(hurtName);
    }
    // A missed session holds the week: same reps and no more sets.
    expect(floorOf(w5, squat)).toBe(floorOf(w4, squat));
    expect(sets[4]).toBeLessThanOrEqual(sets[3] ?? 0);
    // Five loading weeks, then a deload with about half the sets at an easier effort.
    expect(plans.map(isDeloadPlan)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      false,
      false,
      true,
    ]);
    expect(sets[5]).toBeLessThanOrEqual(Math.ceil((sets[4] ?? 0) * 0.6));
    expect(w6.days[1]?.exercises[0]?.effort).toBe("RIR 3-4");
    // Back from the deload at full volume; then "too hard" takes sets away.
    expect(sets[6]).toBeGreaterThan(sets[5] ?? 0);
    expect(sets[7]).toBeLessThan(sets[6] ?? 0);
    expect(isDeloadPlan(w9)).toBe(true);

    const history = await h.command("history");
    expect(history.turn.replies[0]?.text).toContain("Week 9");
    expect(history.turn.replies[0]?.text).toContain(
      "Week 8, 23 Feb 2026: 4 sessions done, too hard",
    );
    expect(w7.title).not.toMatch(/deload/i);
    expect(w8.notes[0]).toMatch(/fewer sets/);
  });
});
