import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createRedisClient,
  createRedisStore,
  redactRedisUrl,
  waitForRedis,
} from "../../src/store/redis.js";
import type { Store } from "../../src/store/types.js";
import { type RedisServer, startRedisServer } from "../helpers/redis-server.js";
import { describeStoreContract, fakeClock, sampleProfile } from "./contract.js";

let server: RedisServer;
let redis: Redis;
let prefixes = 0;
const clients: Redis[] = [];

/** A fresh key prefix, so tests never see each other's keys. */
function nextPrefix(): string {
  prefixes += 1;
  return `test${prefixes}:`;
}

/** A connected client: commands fail at once until the connection is ready. */
async function client(): Promise<Redis> {
  const made = createRedisClient(server.url);
  clients.push(made);
  expect(await waitForRedis(made)).toBe(true);
  return made;
}

beforeAll(async () => {
  server = await startRedisServer();
  redis = await client();
});

afterAll(async () => {
  for (const made of clients) made.disconnect();
  await server?.close();
});

describeStoreContract("the Redis store", async () => {
  const time = fakeClock();
  return {
    store: createRedisStore({ redis, prefix: nextPrefix(), clock: time.clock }),
    now: time.clock,
    async elapse(ms) {
      time.advance(ms);
      await new Promise((resolve) => setTimeout(resolve, ms));
    },
  };
});

describe("the Redis store's keys", () => {
  it("lives entirely under its prefix", async () => {
    const prefix = nextPrefix();
    const store = createRedisStore({ redis, prefix });
    const before = new Set(await redis.keys("*"));

    await store.setState("telegram:1", { step: "age" }, 60_000);
    await store.setProfile("telegram:1", sampleProfile);
    await store.addHistory("telegram:1", {
      createdAt: 1,
      profile: sampleProfile,
      plan: { title: "t", days: [], notes: [] },
      source: "planner",
    });
    await store.setFeedback("telegram:1", 1, {
      sessionsDone: 1,
      rating: "about_right",
      painful: [],
    });
    await store.cacheSet("abc", "{}", 60_000);
    await store.hitLimit("plan:telegram:1", { limit: 5, windowMs: 60_000 }, Date.now());
    await store.addSpend("2026-12-03", 0.5);
    await store.claim("once", 60_000);
    await store.setJson("sub:telegram:1", { on: true });

    const created = (await redis.keys("*")).filter((key) => !before.has(key));
    expect(created.length).toBeGreaterThanOrEqual(9);
    for (const key of created) expect(key.startsWith(prefix)).toBe(true);
  });

  it("expires dialogue state but never profiles or history", async () => {
    const prefix = nextPrefix();
    const store = createRedisStore({ redis, prefix });
    await store.setState("telegram:1", { step: "age" }, 60_000);
    await store.setProfile("telegram:1", sampleProfile);
    await store.addHistory("telegram:1", {
      createdAt: 1,
      profile: sampleProfile,
      plan: { title: "t", days: [], notes: [] },
      source: "planner",
    });

    const stateTtl = await redis.pttl(`${prefix}state:{telegram:1}`);
    expect(stateTtl).toBeGreaterThan(0);
    expect(stateTtl).toBeLessThanOrEqual(60_000);
    expect(await redis.pttl(`${prefix}profile:{telegram:1}`)).toBe(-1);
    expect(await redis.pttl(`${prefix}history:{telegram:1}`)).toBe(-1);
  });

  it("counts a week once when the same write arrives twice, as a replay after a timeout can", async () => {
    const store = createRedisStore({ redis, prefix: nextPrefix() });
    const week = (createdAt: number) => ({
      createdAt,
      profile: sampleProfile,
      plan: { title: "t", days: [], notes: [] },
      source: "planner" as const,
    });
    const first = await store.addHistory("telegram:5", week(1));
    const again = await store.addHistory("telegram:5", week(1));
    const next = await store.addHistory("telegram:5", week(2));

    expect([first.week, again.week, next.week]).toEqual([1, 1, 2]);
    expect((await store.listHistory("telegram:5", 10)).map((entry) => entry.createdAt)).toEqual([
      2, 1,
    ]);
  });

  it("leaves no key of a forgotten user behind", async () => {
    const prefix = nextPrefix();
    const store = createRedisStore({ redis, prefix });
    const user = "telegram:77";
    await store.setState(user, { step: "age" }, 60_000);
    await store.setProfile(user, sampleProfile);
    await store.setFeedback(user, 1, { sessionsDone: 1, rating: "about_right", painful: [] });
    await store.hitLimit(`plan:${user}`, { limit: 5, windowMs: 60_000 }, Date.now());
    await store.hitLimit(`replan:${user}`, { limit: 5, windowMs: 60_000 }, Date.now());
    await store.setJson(`sub:${user}`, { on: true });
    await store.setJson(`reminder:channel:${user}`, { id: "c1" });

    await store.forget(user);

    expect(await redis.keys(`${prefix}*`)).toEqual([]);
  });

  it("names the key prefix with or without a trailing colon", async () => {
    const store = createRedisStore({ redis, prefix: "bare" });
    await store.setJson("doc", 1);
    expect(await redis.get("bare:doc:doc")).toBe("1");
    await store.deleteJson("doc");
  });
});

describe("the Redis limiter", () => {
  it("never lets concurrent requests from two clients exceed the limit", async () => {
    const prefix = nextPrefix();
    const stores = [await client(), await client()].map((made) =>
      createRedisStore({ redis: made, prefix }),
    );
    const rule = { limit: 10, windowMs: 3_600_000 };
    const now = 1_700_000_000_000;

    const decisions = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        (stores[i % 2] as Store).hitLimit("plan:telegram:5", rule, now + (i % 3)),
      ),
    );

    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
    expect(await redis.zcard(`${prefix}limit:plan:{telegram:5}`)).toBe(10);
  });

  it("reloads its script after the server forgets it", async () => {
    const store = createRedisStore({ redis, prefix: nextPrefix() });
    const rule = { limit: 2, windowMs: 1_000 };
    expect((await store.hitLimit("k", rule, 1)).allowed).toBe(true);
    await redis.script("FLUSH");
    expect(await store.hitLimit("k", rule, 2)).toEqual({ allowed: true, remaining: 0 });
  });
});

describe("a restart", () => {
  it("continues a dialogue started by one process in a new one", async () => {
    const prefix = nextPrefix();
    const first = createRedisStore({ redis: await client(), prefix });
    await first.setState("telegram:9", { step: "minutes", answers: { age: 41 } }, 60_000);
    await first.close();

    const second = createRedisStore({ redis: await client(), prefix });
    expect(await second.getState("telegram:9")).toEqual({
      step: "minutes",
      answers: { age: 41 },
    });
  });
});

describe("waitForRedis", () => {
  it("gives up on a Redis that does not answer", async () => {
    const unreachable = createRedisClient("redis://127.0.0.1:1");
    clients.push(unreachable);
    expect(await waitForRedis(unreachable, 50)).toBe(false);
  });
});

describe("redactRedisUrl", () => {
  it("hides the password and keeps the rest", () => {
    const shown = redactRedisUrl("redis://user:s3cret@cache.internal:6380/2");
    expect(shown).not.toContain("s3cret");
    expect(shown).toContain("cache.internal:6380/2");
  });
});
