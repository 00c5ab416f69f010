/**
 * Two scheduler instances on one real redis-server over a simulated month: every subscriber gets
 * exactly one prompt per week, also when one instance dies in the middle of a delivery and a
 * fresh one joins later.
 */
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/ports.js";
import type { Notifier, NotifyTarget } from "../../src/schedule/notifier.js";
import { createScheduler, type Scheduler } from "../../src/schedule/scheduler.js";
import {
  reminderChannelKey,
  scheduleGuildReminders,
  subscribe,
} from "../../src/schedule/subscriptions.js";
import { nextDue, type WeeklyTime, weekOf } from "../../src/schedule/when.js";
import { createRedisClient, createRedisStore, waitForRedis } from "../../src/store/redis.js";
import { type RedisServer, startRedisServer } from "../helpers/redis-server.js";
import { fakeClock } from "../store/contract.js";

const HOUR = 3_600_000;
const LEASE_MS = 200;
const start = Date.UTC(2026, 11, 1); // Tuesday 2026-12-01
const end = start + 31 * 24 * HOUR;

const subscribers: { id: string; when: WeeklyTime; zone: string }[] = [
  { id: "1", when: { day: 7, time: "18:00" }, zone: "Europe/Berlin" },
  { id: "2", when: { day: 1, time: "07:30" }, zone: "America/New_York" },
  { id: "3", when: { day: 3, time: "12:00" }, zone: "UTC+05:30" },
  { id: "4", when: { day: 5, time: "00:00" }, zone: "UTC" },
  { id: "5", when: { day: 6, time: "23:00" }, zone: "Pacific/Auckland" },
  { id: "6", when: { day: 2, time: "09:00" }, zone: "UTC" },
];

let server: RedisServer;
const clients: Redis[] = [];

async function client(): Promise<Redis> {
  const made = createRedisClient(server.url);
  clients.push(made);
  expect(await waitForRedis(made)).toBe(true);
  return made;
}

beforeAll(async () => {
  server = await startRedisServer();
});

afterAll(async () => {
  for (const made of clients) made.disconnect();
  await server?.close();
});

describe("the scheduler on a shared Redis", () => {
  it("delivers exactly one prompt per subscriber per week across instances, a crash and a restart", async () => {
    const time = fakeClock(start);
    const prefix = "sched:";
    const delivered: { key: string; at: number }[] = [];
    let hangNext = false;
    let signalHung: () => void = () => {};
    const hung = new Promise<void>((resolve) => {
      signalHung = resolve;
    });

    function notifier(platform: string, instance: string): Notifier {
      return {
        platform,
        async send(target: NotifyTarget) {
          if (instance === "a" && hangNext) {
            signalHung();
            return new Promise(() => {}); // the process dies mid-send
          }
          delivered.push({ key: `${platform}:${target.kind}:${target.id}`, at: time.clock() });
          return "sent";
        },
      };
    }

    async function instance(name: string): Promise<{ scheduler: Scheduler; redis: Redis }> {
      const redis = await client();
      const store = createRedisStore({ redis, prefix, clock: time.clock });
      const scheduler = createScheduler({
        store,
        clock: time.clock,
        logger: silentLogger,
        notifiers: [notifier("telegram", name), notifier("discord", name)],
        options: { leaseMs: LEASE_MS },
      });
      return { scheduler, redis };
    }

    const a = await instance("a");
    const b = await instance("b");
    let c: Scheduler | undefined;
    let aAlive = true;

    const setup = createRedisStore({ redis: await client(), prefix, clock: time.clock });
    for (const { id, when, zone } of subscribers) {
      await subscribe(setup, time.clock, `telegram:${id}`, when, zone);
    }
    await setup.setJson(reminderChannelKey("77"), { channelId: "chan-1" });
    await scheduleGuildReminders(setup, time.clock, "77", { day: 4, time: "10:00" }, "UTC");

    let killedAt: number | undefined;
    while (time.clock() < end) {
      time.advance(HOUR / 2);
      if (time.clock() >= start + 14 * 24 * HOUR && killedAt === undefined) hangNext = true;
      if (time.clock() >= start + 21 * 24 * HOUR && !c) c = (await instance("c")).scheduler;

      const ticks: Promise<unknown>[] = [b.scheduler.tick()];
      if (c) ticks.push(c.tick());
      if (aAlive) {
        const outcome = await Promise.race([
          a.scheduler.tick().then(() => "done" as const),
          hung.then(() => "hung" as const),
        ]);
        if (outcome === "hung") {
          aAlive = false;
          killedAt = time.clock();
          a.redis.disconnect();
          // The dead instance's lease runs out on the Redis server's clock.
          await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 50));
        }
      }
      await Promise.all(ticks);
    }

    expect(killedAt).toBeDefined();
    const expected: { key: string; week: string }[] = [];
    const all = [
      ...subscribers.map((s) => ({ key: `telegram:user:${s.id}`, when: s.when, zone: s.zone })),
      { key: "discord:channel:chan-1", when: { day: 4, time: "10:00" }, zone: "UTC" },
    ];
    for (const { key, when, zone } of all) {
      for (let due = nextDue(when, zone, start); due <= end; due = nextDue(when, zone, due)) {
        expected.push({ key, week: weekOf(zone, due) });
      }
    }
    const got = delivered.map(({ key, at }) => {
      const zone = all.find((s) => s.key === key)?.zone ?? "UTC";
      return { key, week: weekOf(zone, at) };
    });
    const order = (x: { key: string; week: string }) => `${x.key} ${x.week}`;
    expect(got.map(order).sort()).toEqual(expected.map(order).sort());
    expect(expected.length).toBeGreaterThanOrEqual(7 * 4);
  });
});
