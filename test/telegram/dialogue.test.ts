import { describe, expect, it } from "vitest";
import type { Logger } from "../../src/ports.js";
import type { FakeChat, FakeUser } from "../fakes/telegram-bot-api.js";
import { finishedPlan } from "./harness.js";
import { answerByButtons, answerByTyping, labels, pressIn, question, useHarness } from "./steps.js";

const alice: FakeUser = { id: 101, first_name: "Alice" };
const aliceChat: FakeChat = { id: 101, type: "private" };

const start = useHarness();

describe("the Telegram bot, end to end", () => {
  it("registers its commands at start", async () => {
    const h = await start();
    const names = (h.api.commands() as { command: string }[]).map((c) => c.command);
    expect(names).toEqual([
      "start",
      "plan",
      "replan",
      "profile",
      "swap",
      "history",
      "weekly",
      "export",
      "cancel",
      "forget",
      "help",
    ]);
  });

  it("runs the whole dialogue by buttons, then streams the plan and formats it", async () => {
    const h = await start();
    const summary = await answerByButtons(h, alice, aliceChat, "/start");
    expect(summary.text).toContain("Equipment: Bench, Bodyweight only, Dumbbells");
    await pressIn(h, alice, summary, "confirm");

    const plan = await h.api.waitFor(() => finishedPlan(h.api.botMessages(aliceChat.id)));
    expect(plan.parse_mode).toBe("HTML");
    expect(plan.text).toMatch(/<b>Monday: /);
    expect(labels(plan)).toEqual(["Swap an exercise", "Re-plan", "Edit profile"]);
    // It streamed: the message first showed plain text under the stage progress.
    expect(plan.history[0]).toMatch(/^\S+ \d\/3 /);
    expect(h.api.actions.some((action) => action.action === "typing")).toBe(true);
    // Questions answered by a button lose their buttons; the first was answered by typing.
    const withButtons = h.api.botMessages(aliceChat.id).filter((m) => labels(m).length > 0);
    expect(withButtons.map((m) => m.text.split("\n").at(-1))).toEqual([
      "(1/10) How old are you?",
      plan.text.split("\n").at(-1),
    ]);
  });

  it("accepts typed answers as well as buttons", async () => {
    const h = await start();
    await answerByTyping(h, alice, aliceChat, "/plan");
    h.say(alice, aliceChat, "yes");
    const plan = await h.api.waitFor(() => finishedPlan(h.api.botMessages(aliceChat.id)));
    expect(plan.text).toContain("Monday");
  });

  it("answers a stale button politely and changes nothing", async () => {
    const h = await start();
    h.say(alice, aliceChat, "/plan");
    await question(h, aliceChat, "(1/10)");
    h.say(alice, aliceChat, "30");
    const goal = await question(h, aliceChat, "(2/10)");
    const staleData = goal.reply_markup?.inline_keyboard.flat()[0]?.callback_data ?? "";
    await pressIn(h, alice, goal, "strength");
    await question(h, aliceChat, "(3/10)");
    const before = h.api.botMessages(aliceChat.id).map((m) => m.text);

    const { id } = h.api.userPresses(alice, goal, staleData);
    const answer = await h.api.waitFor(() => h.api.answer(id)?.answered && h.api.answer(id));
    expect(answer.text).toMatch(/earlier message/);
    expect(h.api.botMessages(aliceChat.id).map((m) => m.text)).toEqual(before);
  });

  it("answers /replan before any plan with how to make the first one", async () => {
    const h = await start();
    h.say(alice, aliceChat, "/replan");
    const reply = await question(h, aliceChat, "don't have a plan yet");
    expect(reply.text).toMatch(/Send \/plan/);
  });

  it("turns a failed update into a short apology, and logs it without the token", async () => {
    const lines: string[] = [];
    const logger: Logger = {
      debug: (fields, message) => lines.push(JSON.stringify({ fields, message })),
      info: (fields, message) => lines.push(JSON.stringify({ fields, message })),
      warn: (fields, message) => lines.push(JSON.stringify({ fields, message })),
      error: (fields, message) =>
        lines.push(JSON.stringify({ fields, message, text: String(fields) })),
      child: () => logger,
    };
    const h = await start({ logger });
    h.api.failNext("sendMessage", 400, "Bad Request: something unexpected");
    h.say(alice, aliceChat, "/help");
    const apology = await question(h, aliceChat, "Sorry, something went wrong");
    expect(apology.text).not.toMatch(/Bad Request|Error|at /);
    expect(lines.some((line) => line.includes("update failed"))).toBe(true);
    expect(lines.join("\n")).not.toContain(h.api.token);
  });

  it("asks a user who floods it to slow down, once", async () => {
    const h = await start({ incomingLimit: 2 });
    for (let i = 0; i < 5; i += 1) h.say(alice, aliceChat, "/help");
    await question(h, aliceChat, "faster than I can keep up");
    await h.api.waitFor(() => h.api.botMessages(aliceChat.id).length >= 3);
    const texts = h.api.botMessages(aliceChat.id).map((m) => m.text);
    expect(texts.filter((text) => text.includes("/forget"))).toHaveLength(2);
    expect(texts.filter((text) => text.includes("faster"))).toHaveLength(1);
  });
});
