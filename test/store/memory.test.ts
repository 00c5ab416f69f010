import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../../src/store/memory.js";
import { describeStoreContract, fakeClock } from "./contract.js";

describeStoreContract("the in-process store", async () => {
  const time = fakeClock();
  return {
    store: createMemoryStore({ clock: time.clock }),
    now: time.clock,
    async elapse(ms) {
      time.advance(ms);
    },
  };
});

describe("the in-process store's sweep", () => {
  it("drops what has expired and keeps what has not, so a long-running process does not grow", async () => {
    const time = fakeClock();
    const store = createMemoryStore({ clock: time.clock });
    const rule = { limit: 5, windowMs: 60_000 };
    for (let n = 0; n < 10; n += 1) {
      await store.setState(`telegram:${n}`, { n }, 1_000);
      await store.cacheSet(`plan:${n}`, "{}", 1_000);
      await store.claim(`once:${n}`, 1_000);
      await store.hitLimit(`plan:telegram:${n}`, rule, time.clock());
    }
    await store.setState("telegram:keep", { keep: true }, 3_600_000);
    await store.addSpend(new Date(time.clock()).toISOString().slice(0, 10), 0.5);

    time.advance(120_000);
    expect(store.sweep()).toBe(40);
    expect(store.sweep()).toBe(0);
    expect(await store.getState("telegram:keep")).toEqual({ keep: true });
    expect(await store.getSpend(new Date(time.clock()).toISOString().slice(0, 10))).toBe(0.5);

    time.advance(3 * 86_400_000);
    expect(store.sweep()).toBe(2);
  });

  it("keeps counting a window that a sweep has not yet reached", async () => {
    const time = fakeClock();
    const store = createMemoryStore({ clock: time.clock });
    const rule = { limit: 1, windowMs: 60_000 };
    await store.hitLimit("plan:telegram:1", rule, time.clock());
    time.advance(30_000);
    expect(store.sweep()).toBe(0);
    expect(await store.hitLimit("plan:telegram:1", rule, time.clock())).toMatchObject({
      allowed: false,
      retryAfterMs: 30_000,
    });
  });
});
