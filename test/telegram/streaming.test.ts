import { describe, expect, it } from "vitest";
import { DAY_NAMES } from "../../src/plan/schema.js";
import type { FakeChat, FakeMessage, FakeUser } from "../fakes/telegram-bot-api.js";
import { finishedPlan, type HarnessOptions } from "./harness.js";
import { answerByTyping, type Harness, useHarness } from "./steps.js";

const alice: FakeUser = { id: 201, first_name: "Alice" };
const chat: FakeChat = { id: 201, type: "private" };
const STAGE_LINE = /^\S+ \d\/3 /;

const start = useHarness();

/** Starts the bot with the planner held back before its last chunk, and asks for a plan. */
async function planOnHold(options: HarnessOptions = {}) {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const h = await start({ ...options, gate });
  await answerByTyping(h, alice, chat, "/plan");
  h.say(alice, chat, "yes");
  const streaming = await h.api.waitFor(() =>
    h.api.botMessages(chat.id).find((message) => STAGE_LINE.test(message.text)),
  );
  return { h, streaming, release };
}

/** What a user sees of a message: tags gone, entities decoded. */
function visibleText(message: FakeMessage): string {
  if (message.parse_mode !== "HTML") return message.text;
  return message.text
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

function planMessages(h: Harness): FakeMessage[] {
  return h.api.botMessages(chat.id).filter((message) => /Monday: /.test(message.text));
}

describe("the streamed plan on Telegram", () => {
  it("shows the stage progress while the plan is written", async () => {
    const { h, streaming, release } = await planOnHold();
    expect(streaming.text).toMatch(/Writing your plan/);
    release();
    const plan = await h.api.waitFor(() => finishedPlan(h.api.botMessages(chat.id)));
    expect(plan.message_id).toBe(streaming.message_id);
    expect(plan.text).not.toMatch(STAGE_LINE);
  });

  it("rides out a storm of 429s and delivers the finished plan once", async () => {
    const { h, release } = await planOnHold({ editIntervalMs: 1_000 });
    for (let i = 0; i < 3; i += 1) {
      h.api.failNext("editMessageText", 429, "Too Many Requests: retry after 1", 1);
    }
    release();

    const plan = await h.api.waitFor(() => finishedPlan(h.api.botMessages(chat.id)), 20_000);
    expect(plan.parse_mode).toBe("HTML");
    expect(planMessages(h)).toEqual([plan]);
    expect(h.api.callCount("editMessageText")).toBeGreaterThanOrEqual(4);
  });

  it("carries on in a new message when the user deletes the streaming one", async () => {
    const { h, streaming, release } = await planOnHold();
    h.api.deleteMessage(chat.id, streaming.message_id);
    release();

    const plan = await h.api.waitFor(() => finishedPlan(h.api.botMessages(chat.id)));
    expect(plan.message_id).not.toBe(streaming.message_id);
    expect(planMessages(h)).toEqual([plan]);
  });

  it("continues a plan longer than one message in the next, split between days", async () => {
    const h = await start({ liveLimits: { maxChars: 700 } });
    await answerByTyping(h, alice, chat, "/plan");
    h.say(alice, chat, "yes");
    const last = await h.api.waitFor(() => finishedPlan(h.api.botMessages(chat.id)));

    const messages = h.api.botMessages(chat.id);
    const summary = messages.findIndex((m) => m.text.includes("Here is your profile:"));
    const planParts = messages.slice(summary + 1);
    expect(planParts.at(-1)).toBe(last);
    expect(planParts.length).toBeGreaterThan(1);

    const text = planParts.map(visibleText).join("\n\n");
    for (const day of DAY_NAMES) {
      expect(text.split(`${day}: `)).toHaveLength(2);
    }
    for (const part of planParts) {
      expect(visibleText(part).length).toBeLessThanOrEqual(700);
      expect(part.text).not.toMatch(STAGE_LINE);
    }
  });
});
