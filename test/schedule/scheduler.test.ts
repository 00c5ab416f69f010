import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/ports.js";
import { createScheduler } from "../../src/schedule/scheduler.js";
import {
  readSubscription,
  reminderChannelKey,
  scheduleGuildReminders,
  subscribe,
  WEEKLY_INDEX,
} from "../../src/schedule/subscriptions.js";
import { createMemoryStore } from "../../src/store/memory.js";
import { fakeClock } from "../store/contract.js";
import { fakeNotifier } from "./fake-notifier.js";

const HOUR = 3_600_000;
const sunday = { day: 7, time: "18:00" };
// Thursday 2026-12-03 12:00 UTC.
const start = Date.UTC(2026, 11, 3, 12);

function setup(answer?: Parameters<typeof fakeNotifier>[1]) {
  const time = fakeClock(start);
  const store = createMemoryStore({ clock: time.clock });
  const telegram = fakeNotifier("telegram", answer);
  const discord = fakeNotifier("discord");
  const scheduler = createScheduler({
    store,
    clock: time.clock,
    logger: silentLogger,
    notifiers: [telegram.notifier, discord.notifier],
    options: { leaseMs: HOUR },
  });
  return { time, store, telegram, discord, scheduler };
}

describe("createScheduler", () => {
  it("sends nothing before the due time and one prompt at it, in the subscriber's zone", async () => {
    const { time, store, telegram, scheduler } = setup();
    await subscribe(store, time.clock, "telegram:42", sunday, "Europe/Berlin");

    time.advance(Date.UTC(2026, 11, 6, 16, 59) - start);
    expect((await scheduler.tick()).sent).toBe(0);
    time.advance(60_000);
    expect((await scheduler.tick()).sent).toBe(1);
    expect(await scheduler.tick()).toMatchObject({ sent: 0, busy: 0 });
    expect(telegram.sent).toEqual([
      { target: { kind: "user", id: "42" }, text: expect.stringContaining("/replan"), at: 1 },
    ]);
    expect(await store.scheduleDue(WEEKLY_INDEX, Date.UTC(2026, 11, 13, 17), 5)).toEqual([
      { member: "telegram:42", dueAt: Date.UTC(2026, 11, 13, 17) },
    ]);
  });

  it("does not send twice in one week when the time is moved after a delivery", async () => {
    const { time, store, telegram, scheduler } = setup();
    await subscribe(store, time.clock, "telegram:42", { day: 4, time: "13:00" }, "UTC");
    time.advance(HOUR);
    await scheduler.tick();
    await subscribe(store, time.clock, "telegram:42", { day: 5, time: "13:00" }, "UTC");
    time.advance(24 * HOUR);
    expect(await scheduler.tick()).toMatchObject({ sent: 0, skipped: 1 });
    time.advance(7 * 24 * HOUR);
    expect(await scheduler.tick()).toMatchObject({ sent: 1 });
    expect(telegram.sent).toHaveLength(2);
  });

  it("unsubscribes a chat that blocked the bot", async () => {
    const { time, store, scheduler } = setup(() => "blocked");
    await subscribe(store, time.clock, "telegram:42", sunday, "UTC");
    time.advance(4 * 24 * HOUR);
    expect((await scheduler.tick()).blocked).toBe(1);
    expect(await readSubscription(store, "telegram:42")).toBeUndefined();
    expect(await store.scheduleDue(WEEKLY_INDEX, start + 30 * 24 * HOUR, 5)).toEqual([]);
  });

  it("retries a failed send once the lease has expired, and sends it once", async () => {
    let fail = true;
    const { time, store, telegram, scheduler } = setup(() => (fail ? "failed" : "sent"));
    await subscribe(store, time.clock, "telegram:42", sunday, "UTC");
    time.advance(4 * 24 * HOUR);
    expect((await scheduler.tick()).failed).toBe(1);
    fail = false;
    expect((await scheduler.tick()).busy).toBe(1);
    time.advance(HOUR);
    expect((await scheduler.tick()).sent).toBe(1);
    expect(telegram.sent).toHaveLength(1);
  });

  it("skips a reminder that is days late instead of sending it", async () => {
    const { time, store, telegram, scheduler } = setup();
    await subscribe(store, time.clock, "telegram:42", sunday, "UTC");
    time.advance(7 * 24 * HOUR);
    expect((await scheduler.tick()).skipped).toBe(1);
    expect(telegram.sent).toHaveLength(0);
  });

  it("posts once a week in a guild's reminder channel, and drops a guild without one", async () => {
    const { time, store, discord, scheduler } = setup();
    await store.setJson(reminderChannelKey("900"), { channelId: "555" });
    await scheduleGuildReminders(store, time.clock, "900");
    await scheduleGuildReminders(store, time.clock, "901");
    time.advance(4 * 24 * HOUR);
    expect(await scheduler.tick()).toMatchObject({ sent: 1, gone: 1 });
    expect(discord.sent.map((post) => post.target)).toEqual([{ kind: "channel", id: "555" }]);
  });

  it("forgets a subscriber whose document was deleted", async () => {
    const { time, store, scheduler } = setup();
    await subscribe(store, time.clock, "telegram:42", sunday, "UTC");
    await store.forget("telegram:42");
    time.advance(4 * 24 * HOUR);
    expect((await scheduler.tick()).gone).toBe(1);
    expect(await store.scheduleDue(WEEKLY_INDEX, start + 30 * 24 * HOUR, 5)).toEqual([]);
  });

  it("leaves subscribers of a platform it cannot reach to other instances", async () => {
    const { time, store, scheduler } = setup();
    await subscribe(store, time.clock, "slack:7", sunday, "UTC");
    time.advance(4 * 24 * HOUR);
    expect((await scheduler.tick()).busy).toBe(1);
    expect(await store.scheduleDue(WEEKLY_INDEX, time.clock(), 5)).toHaveLength(1);
  });
});
