import { once } from "node:events";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSpendCap, utcDay } from "../src/spend.js";
import { createMemoryStore } from "../src/store/memory.js";
import { createRedisClient, createRedisStore } from "../src/store/redis.js";
import { type RedisServer, startRedisServer } from "./helpers/redis-server.js";

const NOON = Date.UTC(2026, 11, 3, 12);

let server: RedisServer;
const clients: Redis[] = [];

async function connected(): Promise<Redis> {
  const redis = createRedisClient(server.url);
  clients.push(redis);
  if (redis.status !== "ready") await once(redis, "ready");
  return redis;
}

beforeAll(async () => {
  server = await startRedisServer();
});

afterAll(async () => {
  for (const redis of clients) redis.disconnect();
  await server?.close();
});

describe("the spend cap", () => {
  it("allows spending until the day's total reaches the budget", async () => {
    const cap = createSpendCap({ store: createMemoryStore(), dailyUsd: 1, clock: () => NOON });
    expect(await cap.canSpend()).toBe(true);
    await cap.record(0.6);
    expect(await cap.canSpend()).toBe(true);
    await cap.record(0.4);
    expect(await cap.today()).toBeCloseTo(1, 9);
    expect(await cap.canSpend()).toBe(false);
  });

  it("starts again at midnight UTC", async () => {
    let now = Date.UTC(2026, 11, 3, 23, 59, 59, 999);
    const cap = createSpendCap({ store: createMemoryStore(), dailyUsd: 1, clock: () => now });
    await cap.record(1);
    expect(await cap.canSpend()).toBe(false);
    now += 1;
    expect(await cap.today()).toBe(0);
    expect(await cap.canSpend()).toBe(true);
  });

  it("allows nothing with a zero budget and ignores costs that are not positive", async () => {
    const store = createMemoryStore();
    expect(await createSpendCap({ store, dailyUsd: 0, clock: () => NOON }).canSpend()).toBe(false);
    const cap = createSpendCap({ store, dailyUsd: 1, clock: () => NOON });
    await cap.record(-5);
    await cap.record(Number.NaN);
    expect(await cap.today()).toBe(0);
  });

  it("counts spend from two Redis clients into one total", async () => {
    const prefix = "spend1:";
    const caps = [await connected(), await connected()].map((redis) =>
      createSpendCap({
        store: createRedisStore({ redis, prefix }),
        dailyUsd: 1,
        clock: () => NOON,
      }),
    );
    const [first, second] = caps as [(typeof caps)[0], (typeof caps)[0]];

    await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? first : second).record(0.009)),
    );

    expect(await first.today()).toBeCloseTo(0.9, 9);
    expect(await second.today()).toBeCloseTo(0.9, 9);
    expect(await second.canSpend()).toBe(true);
    await first.record(0.1);
    expect(await second.canSpend()).toBe(false);
  });
});

describe("utcDay", () => {
  it("names the UTC calendar day", () => {
    expect(utcDay(Date.UTC(2026, 0, 1, 0, 0, 0))).toBe("2026-01-01");
    expect(utcDay(Date.UTC(2025, 11, 31, 23, 59, 59, 999))).toBe("2025-12-31");
  });
});
