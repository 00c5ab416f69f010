import { once } from "node:events";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Logger, UserKey } from "../../src/ports.js";
import { createMemoryStore } from "../../src/store/memory.js";
import { createRedisClient, createRedisStore } from "../../src/store/redis.js";
import { createResilientStore } from "../../src/store/resilient.js";
import { type RedisServer, startRedisServer } from "../helpers/redis-server.js";
import { fakeClock, samplePlan, sampleProfile } from "./contract.js";

const alice: UserKey = "telegram:1";
const bob: UserKey = "telegram:2";
const HOUR = 3_600_000;
const DAY = "2026-12-03";

function recordingLogger() {
  const lines: { level: string; message: string | undefined }[] = [];
  const make = (): Logger => ({
    debug: (_fields, message) => lines.push({ level: "debug", message }),
    info: (_fields, message) => lines.push({ level: "info", message }),
    warn: (_fields, message) => lines.push({ level: "warn", message }),
    error: (_fields, message) => lines.push({ level: "error", message }),
    child: () => make(),
  });
  return {
    logger: make(),
    count: (message: string) => lines.filter((l) => l.message === message).length,
  };
}

function entry(createdAt: number) {
  return { createdAt, profile: sampleProfile, plan: samplePlan, source: "planner" as const };
}

async function ready(redis: Redis): Promise<void> {
  if (redis.status !== "ready") await once(redis, "ready");
}

let server: RedisServer;
const clients: Redis[] = [];
let prefixes = 0;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  server = await startRedisServer();
  process.on("unhandledRejection", onUnhandled);
});

afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  for (const made of clients) made.disconnect();
  await server?.close();
});

beforeEach(() => {
  unhandled.length = 0;
});

afterEach(async () => {
  // A test that failed mid-outage must not leave the next one without a server.
  server.resume();
  await server.start();
  expect(unhandled).toEqual([]);
});

async function connected(): Promise<Redis> {
  const redis = createRedisClient(server.url);
  clients.push(redis);
  await ready(redis);
  return redis;
}

describe("the resilient store", () => {
  it("keeps serving through an outage and hands everything back to Redis after it", async () => {
    prefixes += 1;
    const prefix = `outage${prefixes}:`;
    const time = fakeClock();
    const log = recordingLogger();
    const redis = await connected();
    const store = createResilientStore({
      primary: createRedisStore({ redis, prefix }),
      fallback: createMemoryStore({ clock: time.clock }),
      logger: log.logger,
      clock: time.clock,
      probeIntervalMs: 1_000,
    });

    // saved before the outage
    await store.setProfile(alice, sampleProfile);
    await store.addHistory(alice, entry(1));
    await store.setState(alice, { step: "goal" }, HOUR);
    await store.setState(bob, { step: "days" }, HOUR);
    await store.addSpend(DAY, 0.5);
    await store.setJson(`sub:${bob}`, { weekday: 1 });
    await store.cacheSet("plan:abc", "cached", HOUR);
    expect(await store.cacheGet("plan:abc")).toBe("cached");

    await server.stop();

    // the cache is bypassed, state and writes are held in process
    expect(await store.cacheGet("plan:abc")).toBeUndefined();
    await store.cacheSet("plan:def", "lost", HOUR);
    await store.setState(alice, { step: "minutes" }, HOUR);
    expect(await store.getState(alice)).toEqual({ step: "minutes" });
    const week = await store.addHistory(alice, entry(2));
    expect(week.createdAt).toBe(2);
    expect(await store.addSpend(DAY, 0.25)).toBeCloseTo(0.25, 9);
    await store.setJson(`sub:${alice}`, { weekday: 3 });

    // the limiter counts in process
    const rule = { limit: 2, windowMs: HOUR };
    const limited = [];
    for (let i = 0; i < 3; i += 1)
      limited.push(await store.hitLimit(`plan:${alice}`, rule, time.clock()));
    expect(limited.map((decision) => decision.allowed)).toEqual([true, true, false]);

    // a probe while Redis is still away changes nothing
    time.advance(1_000);
    expect(await store.getState(alice)).toEqual({ step: "minutes" });

    await server.start();
    await ready(redis);
    time.advance(1_000);

    expect(await store.getState(alice)).toEqual({ step: "minutes" });
    expect(await store.cacheGet("plan:abc")).toBe("cached");
    expect(await store.cacheGet("plan:def")).toBeUndefined();
    expect(log.count("redis down")).toBe(1);
    expect(log.count("redis back")).toBe(1);

    // a separate client sees both what was saved before and what was written during the outage
    const other = createRedisStore({ redis: await connected(), prefix });
    expect(await other.getState(alice)).toEqual({ step: "minutes" });
    expect(await other.getState(bob)).toEqual({ step: "days" });
    expect(await other.getProfile(alice)).toEqual(sampleProfile);
    const history = await other.listHistory(alice, 10);
    expect(history.map((week) => [week.week, week.createdAt])).toEqual([
      [2, 2],
      [1, 1],
    ]);
    expect(await other.getSpend(DAY)).toBeCloseTo(0.75, 9);
    expect(await other.getJson(`sub:${alice}`)).toEqual({ weekday: 3 });
    expect(await other.getJson(`sub:${bob}`)).toEqual({ weekday: 1 });

    // back on Redis: the spend is not counted twice and nothing more is logged
    expect(await store.getSpend(DAY)).toBeCloseTo(0.75, 9);
    await store.setState(alice, { step: "confirm" }, HOUR);
    expect(await other.getState(alice)).toEqual({ step: "confirm" });
    expect(log.count("redis down")).toBe(1);
    expect(log.count("redis back")).toBe(1);

    // a second outage finds no stale copies left over from the first
    await server.stop();
    expect(await store.getState(alice)).toBeUndefined();
    expect(await store.getSpend(DAY)).toBe(0);
    expect(log.count("redis down")).toBe(2);
    await server.start();
    await ready(redis);
  });

  it("replays a forget made during the outage", async () => {
    prefixes += 1;
    const prefix = `outage${prefixes}:`;
    const time = fakeClock();
    const redis = await connected();
    const store = createResilientStore({
      primary: createRedisStore({ redis, prefix }),
      fallback: createMemoryStore({ clock: time.clock }),
      logger: recordingLogger().logger,
      clock: time.clock,
    });
    await store.setProfile(alice, sampleProfile);
    await store.setProfile(bob, sampleProfile);

    await server.stop();
    await store.forget(alice);
    await server.start();
    await ready(redis);
    time.advance(60_000);

    expect(await store.getProfile(alice)).toBeUndefined();
    expect(await store.getProfile(bob)).toEqual(sampleProfile);
  });

  it("does not wait on a Redis that stops answering", async () => {
    prefixes += 1;
    const prefix = `outage${prefixes}:`;
    const time = fakeClock();
    const log = recordingLogger();
    const redis = createRedisClient(server.url, { commandTimeoutMs: 100 });
    clients.push(redis);
    await ready(redis);
    const store = createResilientStore({
      primary: createRedisStore({ redis, prefix }),
      fallback: createMemoryStore({ clock: time.clock }),
      logger: log.logger,
      clock: time.clock,
    });
    await store.setProfile(alice, sampleProfile);

    server.pause();
    try {
      await store.setState(alice, { step: "age" }, HOUR);
      expect(await store.getState(alice)).toEqual({ step: "age" });
      expect(log.count("redis down")).toBe(1);
    } finally {
      server.resume();
    }

    time.advance(1_000);
    expect(await store.getProfile(alice)).toEqual(sampleProfile);
    expect(log.count("redis back")).toBe(1);
    const other = createRedisStore({ redis: await connected(), prefix });
    expect(await other.getState(alice)).toEqual({ step: "age" });
  });

  it("serves from the fallback when Redis was never reachable", async () => {
    const time = fakeClock();
    const log = recordingLogger();
    const redis = createRedisClient("redis://127.0.0.1:1");
    clients.push(redis);
    const store = createResilientStore({
      primary: createRedisStore({ redis, prefix: "never:" }),
      fallback: createMemoryStore({ clock: time.clock }),
      logger: log.logger,
      clock: time.clock,
    });

    await store.setState(alice, { step: "age" }, HOUR);
    expect(await store.getState(alice)).toEqual({ step: "age" });
    expect((await store.hitLimit("plan:x", { limit: 1, windowMs: HOUR }, 0)).allowed).toBe(true);
    expect(await store.claim("once", HOUR)).toBe(true);
    expect(await store.claim("once", HOUR)).toBe(false);
    expect(log.count("redis down")).toBe(1);
  });
});
