/**
 * The behaviour every Store must share, run against the in-process store and the Redis store alike.
 * Each implementation supplies a fresh, empty store per test and a way to let time pass: a fake
 * clock for the in-process store, the fake clock plus a real wait for Redis, whose TTLs run on the
 * server's clock.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Plan } from "../../src/plan/schema.js";
import type { UserKey } from "../../src/ports.js";
import { type Profile, ProfileSchema } from "../../src/profile/schema.js";
import type { Store } from "../../src/store/types.js";

export interface StoreHarness {
  readonly store: Store;
  /** The time the harness's clock shows now, in ms. */
  now(): number;
  /** Lets `ms` pass for every TTL the store keeps. */
  elapse(ms: number): Promise<void>;
}

const alice: UserKey = "telegram:1";
const bob: UserKey = "discord:2";
const HOUR = 3_600_000;

export const sampleProfile: Profile = ProfileSchema.parse({ age: 30, goal: "strength" });

export const samplePlan: Plan = {
  title: "Strength week",
  days: [1, 2, 3, 4, 5, 6, 7].map((day) => ({
    day,
    kind: "rest" as const,
    focus: "Rest",
    warmup: [],
    exercises: [],
    minutes: 0,
  })),
  notes: [],
};

function entry(createdAt: number) {
  return { createdAt, profile: sampleProfile, plan: samplePlan, source: "planner" as const };
}

/** Registers the shared Store behaviour under `describe(name)`. */
export function describeStoreContract(name: string, make: () => Promise<StoreHarness>): void {
  describe(name, () => {
    let h: StoreHarness;
    let store: Store;
    beforeEach(async () => {
      h = await make();
      store = h.store;
    });

    it("keeps dialogue state until it is deleted", async () => {
      expect(await store.getState(alice)).toBeUndefined();
      await store.setState(alice, { step: "age", answers: { goal: "muscle" } }, HOUR);
      expect(await store.getState(alice)).toEqual({ step: "age", answers: { goal: "muscle" } });
      expect(await store.getState(bob)).toBeUndefined();
      await store.deleteState(alice);
      expect(await store.getState(alice)).toBeUndefined();
    });

    it("lets dialogue state expire after its TTL", async () => {
      await store.setState(alice, { step: "goal" }, 40);
      await h.elapse(80);
      expect(await store.getState(alice)).toBeUndefined();
    });

    it("keeps profiles per user", async () => {
      await store.setProfile(alice, sampleProfile);
      expect(await store.getProfile(alice)).toEqual(sampleProfile);
      expect(await store.getProfile(bob)).toBeUndefined();
    });

    it("numbers history weeks and lists the newest first", async () => {
      const first = await store.addHistory(alice, entry(1));
      const second = await store.addHistory(alice, entry(2));
      const third = await store.addHistory(alice, entry(3));
      expect([first.week, second.week, third.week]).toEqual([1, 2, 3]);

      const listed = await store.listHistory(alice, 2);
      expect(listed.map((week) => [week.week, week.createdAt])).toEqual([
        [3, 3],
        [2, 2],
      ]);
      expect(listed[0]?.plan).toEqual(samplePlan);
      expect(await store.listHistory(bob, 5)).toEqual([]);
    });

    it("records feedback on an existing week only", async () => {
      await store.addHistory(alice, entry(1));
      await store.addHistory(alice, entry(2));
      const feedback = { sessionsDone: 3, rating: "too_hard" as const, painful: [] };
      await store.setFeedback(alice, 1, feedback);
      await store.setFeedback(alice, 9, feedback);

      const listed = await store.listHistory(alice, 10);
      expect(listed.map((week) => week.week)).toEqual([2, 1]);
      expect(listed[1]?.feedback).toEqual(feedback);
      expect(listed[0]?.feedback).toBeUndefined();
    });

    it("replaces the plan of an existing week only, keeping its feedback", async () => {
      await store.addHistory(alice, entry(1));
      await store.addHistory(alice, entry(2));
      const feedback = { sessionsDone: 2, rating: "about_right" as const, painful: [] };
      await store.setFeedback(alice, 1, feedback);
      const swapped: Plan = { ...samplePlan, title: "Swapped" };
      await store.setPlan(alice, 1, swapped);
      await store.setPlan(alice, 7, swapped);

      const listed = await store.listHistory(alice, 10);
      expect(listed.map((week) => [week.week, week.plan.title])).toEqual([
        [2, samplePlan.title],
        [1, "Swapped"],
      ]);
      expect(listed[1]?.feedback).toEqual(feedback);
    });

    it("caches values until their TTL runs out", async () => {
      expect(await store.cacheGet("plan:abc")).toBeUndefined();
      await store.cacheSet("plan:abc", "{}", 40);
      expect(await store.cacheGet("plan:abc")).toBe("{}");
      await h.elapse(80);
      expect(await store.cacheGet("plan:abc")).toBeUndefined();
    });

    it("allows the 10th request, refuses the 11th, and allows one when the oldest leaves", async () => {
      const rule = { limit: 10, windowMs: HOUR };
      const start = 1_700_000_000_000;
      for (let i = 0; i < 10; i += 1) {
        const decision = await store.hitLimit(`plan:${alice}`, rule, start + i * 60_000);
        expect(decision).toEqual({ allowed: true, remaining: 9 - i });
      }

      const refused = await store.hitLimit(`plan:${alice}`, rule, start + 30 * 60_000);
      expect(refused).toEqual({ allowed: false, retryAfterMs: 30 * 60_000 });
      const stillRefused = await store.hitLimit(`plan:${alice}`, rule, start + HOUR - 1);
      expect(stillRefused).toEqual({ allowed: false, retryAfterMs: 1 });

      const again = await store.hitLimit(`plan:${alice}`, rule, start + HOUR);
      expect(again).toEqual({ allowed: true, remaining: 0 });
      expect(await store.hitLimit(`plan:${bob}`, rule, start + HOUR)).toEqual({
        allowed: true,
        remaining: 9,
      });
    });

    it("does not let refused requests extend the window", async () => {
      const rule = { limit: 2, windowMs: 1_000 };
      expect((await store.hitLimit("k", rule, 10_000)).allowed).toBe(true);
      expect((await store.hitLimit("k", rule, 10_500)).allowed).toBe(true);
      for (let at = 10_600; at < 11_000; at += 100) {
        expect((await store.hitLimit("k", rule, at)).allowed).toBe(false);
      }
      // Had the refusals counted, the window would still be full here.
      expect(await store.hitLimit("k", rule, 11_000)).toEqual({ allowed: true, remaining: 0 });
    });

    it("counts every request made in the same millisecond", async () => {
      const rule = { limit: 3, windowMs: 1_000 };
      const decisions = [];
      for (let i = 0; i < 4; i += 1) decisions.push(await store.hitLimit("same", rule, 5_000));
      expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false]);
    });

    it("adds spend per day", async () => {
      expect(await store.getSpend("2026-12-03")).toBe(0);
      expect(await store.addSpend("2026-12-03", 0.25)).toBeCloseTo(0.25, 9);
      expect(await store.addSpend("2026-12-03", 0.125)).toBeCloseTo(0.375, 9);
      expect(await store.getSpend("2026-12-03")).toBeCloseTo(0.375, 9);
      expect(await store.getSpend("2026-12-04")).toBe(0);
    });

    it("claims a marker once until it expires", async () => {
      expect(await store.claim("weekly:telegram:1:2026-W49", 40)).toBe(true);
      expect(await store.claim("weekly:telegram:1:2026-W49", 40)).toBe(false);
      await h.elapse(80);
      expect(await store.claim("weekly:telegram:1:2026-W49", 40)).toBe(true);
    });

    it("keeps JSON documents until they are deleted", async () => {
      expect(await store.getJson("sub:telegram:1")).toBeUndefined();
      await store.setJson("sub:telegram:1", { weekday: 1, hour: 8, tags: [] });
      expect(await store.getJson("sub:telegram:1")).toEqual({ weekday: 1, hour: 8, tags: [] });
      await store.deleteJson("sub:telegram:1");
      expect(await store.getJson("sub:telegram:1")).toBeUndefined();
    });

    it("forgets everything of one user and nothing of another", async () => {
      const rule = { limit: 1, windowMs: HOUR };
      for (const user of [alice, bob]) {
        await store.setState(user, { step: "goal" }, HOUR);
        await store.setProfile(user, sampleProfile);
        await store.addHistory(user, entry(1));
        await store.hitLimit(`plan:${user}`, rule, h.now());
        await store.setJson(`sub:${user}`, { on: true });
      }
      await store.setJson("settings", { on: true });

      await store.forget(alice);

      expect(await store.getState(alice)).toBeUndefined();
      expect(await store.getProfile(alice)).toBeUndefined();
      expect(await store.listHistory(alice, 5)).toEqual([]);
      expect((await store.hitLimit(`plan:${alice}`, rule, h.now())).allowed).toBe(true);
      expect(await store.getJson(`sub:${alice}`)).toBeUndefined();

      expect(await store.getState(bob)).toEqual({ step: "goal" });
      expect(await store.getProfile(bob)).toEqual(sampleProfile);
      expect(await store.listHistory(bob, 5)).toHaveLength(1);
      expect((await store.hitLimit(`plan:${bob}`, rule, h.now())).allowed).toBe(false);
      expect(await store.getJson(`sub:${bob}`)).toEqual({ on: true });
      expect(await store.getJson("settings")).toEqual({ on: true });
    });

    it("lists due members of a schedule earliest first, and moves or removes them", async () => {
      await store.scheduleSet("weekly", alice, 3_000);
      await store.scheduleSet("weekly", bob, 1_000);
      await store.scheduleSet("weekly", "guild:9", 9_000);
      await store.scheduleSet("other", alice, 0);
      expect(await store.scheduleDue("weekly", 3_000, 10)).toEqual([
        { member: bob, dueAt: 1_000 },
        { member: alice, dueAt: 3_000 },
      ]);
      expect(await store.scheduleDue("weekly", 3_000, 1)).toEqual([{ member: bob, dueAt: 1_000 }]);

      await store.scheduleSet("weekly", bob, 5_000);
      await store.scheduleRemove("weekly", alice);
      expect(await store.scheduleDue("weekly", 4_000, 10)).toEqual([]);
      expect(await store.scheduleDue("weekly", 10_000, 10)).toEqual([
        { member: bob, dueAt: 5_000 },
        { member: "guild:9", dueAt: 9_000 },
      ]);
    });

    it("starts history again at week 1 after forgetting", async () => {
      await store.addHistory(alice, entry(1));
      await store.addHistory(alice, entry(2));
      await store.forget(alice);
      expect((await store.addHistory(alice, entry(3))).week).toBe(1);
    });
  });
}

/** A clock tests move by hand. */
export function fakeClock(start = 1_700_000_000_000) {
  let now = start;
  return {
    clock: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}
