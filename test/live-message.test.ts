import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLiveMessage, type LiveMessageOptions } from "../src/live-message/index.js";
import { silentLogger } from "../src/ports.js";
import { createFakeChat, type FakeChatOptions } from "./live-message/fake-chat.js";

const INTRO = "Your week of training, written for you. Day by day below.";

/** A plan-like text: days separated by blank lines, one exercise per line. */
function planText(days: number, linesPerDay = 4): string {
  const blocks = Array.from({ length: days }, (_, day) => {
    const lines = Array.from({ length: linesPerDay }, (_, n) => `- Exercise ${day}.${n}: 3 x 8-12`);
    return [`Day ${day + 1}: full body`, ...lines].join("\n");
  });
  return [INTRO, ...blocks].join("\n\n");
}

function setup(chat: FakeChatOptions = {}, options: Partial<LiveMessageOptions> = {}) {
  const fake = createFakeChat(chat);
  const live = createLiveMessage({
    surface: fake.surface,
    clock: () => Date.now(),
    logger: silentLogger,
    options,
  });
  return { fake, live };
}

async function finish(live: ReturnType<typeof setup>["live"], text: string) {
  const done = live.finish(text);
  await vi.runAllTimersAsync();
  return done;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("createLiveMessage while streaming", () => {
  it("sends nothing until the text says something", async () => {
    const { fake, live } = setup();
    live.update("Wri");
    await vi.advanceTimersByTimeAsync(5_000);
    expect(fake.requests).toHaveLength(0);

    live.update(INTRO);
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.requests.map((r) => r.op)).toEqual(["send"]);
  });

  it("edits at most once per interval, with the newest text only", async () => {
    const { fake, live } = setup();
    for (let step = 1; step <= 40; step += 1) {
      live.update(`${INTRO} ${"x".repeat(step)}`);
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(1_000);

    const times = fake.requests.map((r) => r.at);
    for (let i = 1; i < times.length; i += 1) {
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(1_000);
    }
    expect(fake.requests.length).toBeLessThan(10);
    expect(fake.visible()).toEqual([`${INTRO} ${"x".repeat(40)}`]);
  });

  it("keeps one request in flight even when the platform is slow", async () => {
    const { fake, live } = setup({ latencyMs: 2_500 });
    for (let step = 1; step <= 30; step += 1) {
      live.update(`${INTRO} ${step}`);
      await vi.advanceTimersByTimeAsync(200);
    }
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.maxInFlight()).toBe(1);
    expect(fake.visible()).toEqual([`${INTRO} 30`]);
  });

  it("skips an edit when the text has not changed", async () => {
    const { fake, live } = setup();
    for (let step = 0; step < 5; step += 1) {
      live.update(INTRO);
      await vi.advanceTimersByTimeAsync(1_500);
    }
    expect(fake.requests).toHaveLength(1);
  });

  it("pauses for a flood error's retry-after, then resumes with the newest text", async () => {
    const { fake, live } = setup();
    live.update(INTRO);
    await vi.advanceTimersByTimeAsync(0);
    fake.fail("edit", { kind: "flood", retryAfterMs: 7_000 });
    live.update(`${INTRO} one`);
    await vi.advanceTimersByTimeAsync(1_000);
    live.update(`${INTRO} two`);
    live.update(`${INTRO} three`);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(fake.requests).toHaveLength(2);

    await vi.advanceTimersByTimeAsync(2_000);
    expect(fake.requests.map((r) => r.text)).toEqual([INTRO, `${INTRO} one`, `${INTRO} three`]);
    expect((fake.requests[2]?.at ?? 0) - (fake.requests[1]?.at ?? 0)).toBeGreaterThanOrEqual(7_000);
  });

  it("caps a long retry-after at the configured maximum", async () => {
    const { fake, live } = setup({}, { maxFloodWaitMs: 30_000 });
    live.update(INTRO);
    await vi.advanceTimersByTimeAsync(0);
    fake.fail("edit", { kind: "flood", retryAfterMs: 3_600_000 });
    live.update(`${INTRO} more`);
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(fake.visible()).toEqual([`${INTRO} more`]);
  });

  it("continues in a fresh message when the user deletes the live one", async () => {
    const { fake, live } = setup();
    live.update(INTRO);
    await vi.advanceTimersByTimeAsync(0);
    fake.delete(1);
    live.update(`${INTRO} more`);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(fake.visible()).toEqual([`${INTRO} more`]);

    const result = await finish(live, `${INTRO} done`);
    expect(result).toEqual({ status: "delivered", messages: [2] });
    expect(fake.visible()).toEqual([`${INTRO} done`]);
  });

  it("continues past the length limit in a new message, cut between days", async () => {
    const { fake, live } = setup({ maxChars: 300 });
    const text = planText(7);
    for (let end = 60; end <= text.length; end += 25) {
      live.update(text.slice(0, end));
      await vi.advanceTimersByTimeAsync(700);
    }
    const result = await finish(live, text);

    expect(result.status).toBe("delivered");
    const shown = fake.visible();
    expect(shown.length).toBeGreaterThan(2);
    for (const message of shown) {
      expect(message.length).toBeLessThanOrEqual(300);
      expect(message.startsWith("Day ") || message.startsWith(INTRO)).toBe(true);
    }
    expect(shown.join("\n\n")).toBe(text);
    // A message is complete once the next one exists: it is never edited after that.
    const ordered = [...fake.messages.values()];
    for (let i = 1; i < ordered.length; i += 1) {
      expect(ordered[i - 1]?.lastSeq).toBeLessThan(ordered[i]?.sentSeq ?? 0);
    }
  });

  it("shows a status line above the text while streaming and drops it at the end", async () => {
    const { fake, live } = setup({ format: (plain) => `<b>${plain}</b>` });
    live.update(INTRO, "Writing your plan (2/3)");
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.visible()).toEqual([`Writing your plan (2/3)\n\n${INTRO}`]);

    await finish(live, INTRO);
    expect(fake.visible()).toEqual([`<b>${INTRO}</b>`]);
    expect(fake.messages.get(1)).toMatchObject({ formatted: true, closing: true });
  });
});

describe("createLiveMessage finishing", () => {
  it("delivers the finished text exactly once through any mix of failed edits", async () => {
    const failure = fc.oneof(
      fc.record({ kind: fc.constant("unknown" as const), applied: fc.boolean() }),
      fc.record({ kind: fc.constant("not_delivered" as const), applied: fc.constant(false) }),
      fc.record({
        kind: fc.constant("flood" as const),
        applied: fc.constant(false),
        retryAfterMs: fc.integer({ min: 0, max: 60_000 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(failure, { maxLength: 6 }), async (failures) => {
        const { fake, live } = setup({ format: (plain) => `<i>${plain}</i>` });
        live.update(INTRO);
        await vi.advanceTimersByTimeAsync(0);
        for (const { applied, ...kind } of failures) fake.fail("edit", kind, applied);

        const result = await finish(live, `${INTRO} The end.`);
        expect(result).toEqual({ status: "delivered", messages: [1] });
        expect(fake.visible()).toEqual([`<i>${INTRO} The end.</i>`]);
        expect(fake.requests.filter((r) => r.op === "send")).toHaveLength(1);
      }),
      { numRuns: 60 },
    );
  });

  it("does not repeat a send of the finished text whose outcome is unknown", async () => {
    for (const applied of [true, false]) {
      const { fake, live } = setup();
      fake.fail("send", { kind: "unknown" }, applied);
      const result = await finish(live, INTRO);
      expect(result.status).toBe("uncertain");
      expect(fake.requests).toHaveLength(1);
      expect(fake.visible()).toEqual(applied ? [INTRO] : []);
    }
  });

  it("repeats a send that surely did not take effect", async () => {
    const { fake, live } = setup();
    fake.fail("send", { kind: "not_delivered" });
    fake.fail("send", { kind: "flood", retryAfterMs: 3_000 });
    const result = await finish(live, INTRO);
    expect(result).toEqual({ status: "delivered", messages: [1] });
    expect(fake.visible()).toEqual([INTRO]);
  });

  it("sends the finished text plainly when the formatting is rejected", async () => {
    const { fake, live } = setup({ format: (plain) => `<b>${plain}` });
    live.update(INTRO);
    await vi.advanceTimersByTimeAsync(0);
    fake.fail("edit", { kind: "bad_format" });
    const result = await finish(live, `${INTRO}!`);
    expect(result.status).toBe("delivered");
    expect(fake.visible()).toEqual([`${INTRO}!`]);
    expect(fake.messages.get(1)?.formatted).toBe(false);
  });

  it("reports a refusal instead of retrying it", async () => {
    const { fake, live } = setup();
    fake.fail("send", { kind: "rejected", reason: "bot was blocked by the user" });
    const result = await finish(live, INTRO);
    expect(result).toEqual({
      status: "failed",
      messages: [],
      reason: "bot was blocked by the user",
    });
    expect(fake.requests).toHaveLength(1);
  });

  it("lays a finished text that differs from the completed messages over all of them", async () => {
    const { fake, live } = setup({ maxChars: 300 });
    live.update(planText(4));
    await vi.advanceTimersByTimeAsync(5_000);
    const before = fake.visible().length;
    expect(before).toBeGreaterThan(1);

    const replaced = planText(1, 2).replace("full body", "rest and walk");
    const result = await finish(live, replaced);
    expect(result.status).toBe("delivered");
    expect(fake.visible()[0]).toBe(replaced);
    expect(
      fake
        .visible()
        .slice(1)
        .every((text) => text.startsWith("(The text")),
    ).toBe(true);
    expect(fake.visible()).toHaveLength(before);
  });

  it("ignores updates after finishing has begun", async () => {
    const { fake, live } = setup();
    const done = live.finish(INTRO);
    live.update(`${INTRO} late`);
    await vi.runAllTimersAsync();
    await done;
    expect(fake.visible()).toEqual([INTRO]);
  });
});
