import { describe, expect, it } from "vitest";
import { type Coach, createCoach, type Turn } from "../src/coach.js";
import type { Input } from "../src/conversation/types.js";
import { createSwapFeature } from "../src/features/swap.js";
import { MESSAGES } from "../src/messages.js";
import { noMetrics } from "../src/metrics.js";
import type { PlanEvent } from "../src/pipeline/types.js";
import { checkPlan } from "../src/plan/checks.js";
import { createPlannerGenerator } from "../src/planner/index.js";
import { createPlanning } from "../src/planning.js";
import { silentLogger, type UserKey } from "../src/ports.js";
import { ProfileSchema } from "../src/profile/schema.js";
import { createMemoryStore } from "../src/store/memory.js";
import type { Store } from "../src/store/types.js";

function setup(limit = 10): { coach: Coach; store: Store; clock: { now: number } } {
  const clock = { now: Date.UTC(2026, 11, 3) };
  const store = createMemoryStore({ clock: () => clock.now });
  const planning = createPlanning({
    store,
    planner: createPlannerGenerator(),
    metrics: noMetrics,
    clock: () => clock.now,
    logger: silentLogger,
    options: { limit },
  });
  const coach = createCoach({
    store,
    planning,
    clock: () => clock.now,
    logger: silentLogger,
    features: [createSwapFeature({ store })],
  });
  return { coach, store, clock };
}

const alice: UserKey = "telegram:1";
const bob: UserKey = "telegram:2";
const solo = { group: false };
const ANSWERS = [
  "34",
  "muscle",
  "intermediate",
  "dumbbells, bench",
  "3",
  "45",
  "knees",
  "skip",
  "kg",
  "skip",
  "yes",
];

async function drain(turn: Turn): Promise<PlanEvent[]> {
  const events: PlanEvent[] = [];
  for await (const event of turn.plan?.events ?? []) events.push(event);
  return events;
}

async function answerAll(coach: Coach, user: UserKey): Promise<Turn> {
  let turn = await coach.handle(user, { kind: "command", value: "plan" }, solo);
  for (const answer of ANSWERS) {
    turn = await coach.handle(user, { kind: "text", value: answer }, solo);
  }
  return turn;
}

describe("the coach", () => {
  it("turns a finished dialogue into a streamed, checked plan saved to history", async () => {
    const { coach, store } = setup();
    const turn = await answerAll(coach, alice);
    expect(turn.plan).toBeDefined();
    const events = await drain(turn);
    const done = events.at(-1);
    if (done?.type !== "done") throw new Error("no plan");
    const profile = ProfileSchema.parse(await store.getProfile(alice));
    expect(profile.injuries).toEqual(["knees"]);
    expect(checkPlan(done.plan, profile)).toEqual([]);
    const history = await store.listHistory(alice, 5);
    expect(history.map((week) => week.week)).toEqual([1]);
  });

  it("serves the same profile from the cache the second time", async () => {
    const { coach } = setup();
    await drain(await answerAll(coach, alice));
    const again = await coach.handle(alice, { kind: "command", value: "plan" }, solo);
    const ref = again.replies.at(-1)?.choices?.ref ?? "";
    const events = await drain(
      await coach.handle(alice, { kind: "choice", value: "confirm", ref }, solo),
    );
    expect(events.at(-1)).toMatchObject({ type: "done", meta: { source: "cache" } });
  });

  it("refuses the request over the limit and says when to come back", async () => {
    const { coach } = setup(1);
    await drain(await answerAll(coach, alice));
    const again = await coach.handle(alice, { kind: "command", value: "plan" }, solo);
    const ref = again.replies.at(-1)?.choices?.ref ?? "";
    const refused = await coach.handle(alice, { kind: "choice", value: "confirm", ref }, solo);
    expect(refused.plan).toBeUndefined();
    expect(refused.replies[0]?.text).toMatch(/You can ask for a new plan in 1 hour\./);
  });

  it("forgets everything about the caller and nothing about others", async () => {
    const { coach, store } = setup();
    await drain(await answerAll(coach, alice));
    await drain(await answerAll(coach, bob));
    const turn = await coach.handle(alice, { kind: "command", value: "forget" }, solo);
    expect(turn.replies[0]?.text).toBe(MESSAGES.forgotten);
    expect(await store.getProfile(alice)).toBeUndefined();
    expect(await store.listHistory(alice, 5)).toEqual([]);
    expect(await store.getProfile(bob)).toBeDefined();
    expect(await store.listHistory(bob, 5)).toHaveLength(1);
  });

  it("keeps two users' dialogues apart", async () => {
    const { coach, store } = setup();
    await coach.handle(alice, { kind: "command", value: "plan" }, solo);
    await coach.handle(bob, { kind: "command", value: "plan" }, solo);
    await coach.handle(alice, { kind: "text", value: "30" }, solo);
    await coach.handle(bob, { kind: "text", value: "60" }, solo);
    expect(await store.getState(alice)).toMatchObject({ answers: { age: 30 } });
    expect(await store.getState(bob)).toMatchObject({ answers: { age: 60 } });
  });

  it("handles a double tap in order, so the second press is stale", async () => {
    const { coach } = setup();
    await coach.handle(alice, { kind: "command", value: "plan" }, solo);
    const atGoal = await coach.handle(alice, { kind: "text", value: "30" }, solo);
    const ref = atGoal.replies[0]?.choices?.ref ?? "";
    const press: Input = { kind: "choice", value: "muscle", ref };
    const [first, second] = await Promise.all([
      coach.handle(alice, press, solo),
      coach.handle(alice, press, solo),
    ]);
    expect(first.replies[0]?.text).toContain("experience");
    expect(second.notice).toBe(MESSAGES.staleButton);
  });

  it("swaps an exercise in the latest plan for a safe alternative", async () => {
    const { coach, store } = setup();
    await drain(await answerAll(coach, alice));
    const days = await coach.handle(alice, { kind: "command", value: "swap" }, solo);
    const dayMenu = days.replies[0]?.choices;
    const firstDay = dayMenu?.options[0]?.value ?? "";
    const exercises = await coach.handle(
      alice,
      { kind: "choice", value: firstDay, ref: dayMenu?.ref ?? "" },
      solo,
    );
    const exerciseMenu = exercises.replies[0]?.choices;
    const original = exerciseMenu?.options[0]?.label;
    const alternatives = await coach.handle(alice, { kind: "text", value: "1" }, solo);
    const altMenu = alternatives.replies[0]?.choices;
    expect(altMenu?.options.length).toBeGreaterThan(0);
    const chosen = altMenu?.options[0]?.label;
    const result = await coach.handle(
      alice,
      { kind: "choice", value: "0", ref: altMenu?.ref ?? "" },
      solo,
    );
    expect(result.replies[0]?.text).toContain(`${chosen} replaces ${original}`);

    const [week] = await store.listHistory(alice, 1);
    const profile = ProfileSchema.parse(await store.getProfile(alice));
    const names = week?.plan.days[Number(firstDay) - 1]?.exercises.map((exercise) => exercise.name);
    expect(names).toContain(chosen);
    expect(checkPlan(week?.plan ?? { title: "", days: [], notes: [] }, profile)).toEqual([]);

    const stale = await coach.handle(
      alice,
      { kind: "choice", value: "0", ref: altMenu?.ref ?? "" },
      solo,
    );
    expect(stale.notice).toBe(MESSAGES.staleButton);
  });

  it("says there is nothing to swap before the first plan", async () => {
    const { coach } = setup();
    const turn = await coach.handle(alice, { kind: "command", value: "swap" }, solo);
    expect(turn.replies[0]?.text).toBe(MESSAGES.noPlanYet);
  });
});
