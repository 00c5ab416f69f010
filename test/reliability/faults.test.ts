/**
 * Faults during streaming, combined, end to end: the Telegram bot as the composition root builds
 * it, on a private redis-server, with plans from the LLM generator on the fake OpenAI server.
 *
 * Whatever goes wrong, each user ends with exactly one finished plan in the chat, one entry in the
 * plan history (the same plan, passing the checks), and no second copy of any plan message.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MESSAGES } from "../../src/messages.js";
import { checkPlan } from "../../src/plan/checks.js";
import { userKey } from "../../src/ports.js";
import { ProfileSchema } from "../../src/profile/schema.js";
import { goodAnswer, requestProfile } from "../fakes/model.js";
import { type FakeOpenAIServer, startFakeOpenAI } from "../fakes/openai-server.js";
import {
  type FakeBotApi,
  type FakeChat,
  type FakeUser,
  startFakeBotApi,
} from "../fakes/telegram-bot-api.js";
import { type RedisServer, startRedisServer } from "../helpers/redis-server.js";
import { type Answers, answerUntilSummary, TYPICAL, until } from "./dialogue.js";
import { buttonData, finishedPlans, type Rig, startRig } from "./rig.js";

const STAGE_LINE = /^\S+ \d\/3 /;

let redis: RedisServer;
let llm: FakeOpenAIServer;
/** Days per week of the profiles whose LLM answer breaks off mid-stream. */
const dropFor = new Set<number>();

beforeAll(async () => {
  redis = await startRedisServer();
  llm = await startFakeOpenAI({
    // Slow enough that faults land while the plan is being written.
    respond: (request) => ({
      content: goodAnswer(request),
      chunkSize: 12,
      chunkDelayMs: 15,
      ...(dropFor.has(requestProfile(request).daysPerWeek) ? { disconnectAfterChunks: 30 } : {}),
    }),
  });
});
afterAll(async () => {
  await llm?.close();
  await redis?.close();
});

let api: FakeBotApi;
const rigs: Rig[] = [];
let prefixes = 0;
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.stop();
  await api?.close();
  dropFor.clear();
  if (redis) await redis.start();
});

async function startProcess(prefix: string): Promise<Rig> {
  const rig = await startRig(api, {
    env: {
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
      OPENAI_API_KEY: "sk-test-faults",
      OPENAI_BASE_URL: llm.baseURL,
      OPENAI_MODEL: "gpt-4o-mini",
      LLM_FIRST_TOKEN_TIMEOUT_MS: "5000",
      LLM_TIMEOUT_MS: "20000",
    },
  });
  rigs.push(rig);
  return rig;
}

async function freshPrefix(): Promise<string> {
  api = await startFakeBotApi();
  prefixes += 1;
  return `faults${prefixes}:`;
}

function person(id: number): { user: FakeUser; chat: FakeChat } {
  return { user: { id, first_name: `User ${id}` }, chat: { id, type: "private" } };
}

/** One finished plan in the chat, no other message holding plan text, one checked history entry. */
async function expectOnePlan(rig: Rig, chat: FakeChat) {
  const plans = finishedPlans(rig.api, chat);
  expect(plans).toHaveLength(1);
  const withPlanText = rig.api.botMessages(chat.id).filter((m) => /Monday: /.test(m.text));
  expect(withPlanText).toEqual(plans);

  const user = userKey("telegram", chat.id);
  const history = await rig.services.store.listHistory(user, 10);
  expect(history).toHaveLength(1);
  const [entry] = history;
  if (!entry) throw new Error("no history");
  expect(checkPlan(entry.plan, ProfileSchema.parse(entry.profile))).toEqual([]);
  expect(plans[0]?.text).toContain(entry.plan.title);
  return { message: plans[0], entry };
}

function answersWith(days: number): Answers {
  return { ...TYPICAL, 5: String(days) };
}

describe("faults during streaming, combined", () => {
  it("survives an LLM drop mid-stream, 429s from Telegram, and Redis going down and back", async () => {
    const rig = await startProcess(await freshPrefix());
    const ana = person(801);
    const ben = person(802);
    dropFor.add(3);

    // Both start while Redis is up; it goes down in the middle of their dialogues.
    await answerUntilSummary(rig, ana.user, ana.chat, answersWith(3), 4);
    await answerUntilSummary(rig, ben.user, ben.chat, answersWith(4), 4);
    await redis.stop();
    await answerUntilSummary(rig, ana.user, ana.chat, answersWith(3));
    await answerUntilSummary(rig, ben.user, ben.chat, answersWith(4));

    // Ana's plan streams while Telegram floods and her LLM answer breaks off; Redis comes back
    // while it is being written.
    for (let i = 0; i < 3; i += 1) {
      rig.api.failNext("editMessageText", 429, "Too Many Requests: retry after 1", 1);
    }
    rig.api.failNext("sendMessage", 429, "Too Many Requests: retry after 1", 1);
    const asked = llm.requests.length;
    await rig.say(ana.user, ana.chat, "yes");
    await until(() => llm.requests.length > asked);
    await redis.start();
    await rig.say(ben.user, ben.chat, "yes");
    await rig.settle();

    const forAna = await expectOnePlan(rig, ana.chat);
    expect(forAna.entry.source).toBe("planner");
    expect(forAna.message?.text).toContain(MESSAGES.fallbackNotice);
    const forBen = await expectOnePlan(rig, ben.chat);
    expect(forBen.entry.source).toBe("llm");
    expect(llm.requests.some((request) => request.disconnected)).toBe(true);
    expect(rig.errors()).toEqual([]);

    // What was written during the outage reached Redis: a new process sees both plans.
    await until(async () => {
      await rig.services.store.getState(userKey("telegram", ana.user.id));
      return rig.logs().some((line) => line.msg === "redis back");
    });
    const next = await startProcess(rigPrefix(rig));
    await expectOnePlan(next, ana.chat);
    await expectOnePlan(next, ben.chat);
  });

  it("makes one plan for a double-tapped confirm, and carries on when the user deletes it mid-stream", async () => {
    const rig = await startProcess(await freshPrefix());
    const cat = person(803);
    const summary = await answerUntilSummary(rig, cat.user, cat.chat, answersWith(5));
    const confirm = buttonData(summary).find((data) => data.endsWith("|confirm"));
    if (!confirm) throw new Error("no confirm button");
    await rig.doubleTap(cat.user, summary, confirm);
    const streaming = await rig.api.waitFor(() =>
      rig.api.botMessages(cat.chat.id).find((m) => STAGE_LINE.test(m.text)),
    );
    rig.api.deleteMessage(cat.chat.id, streaming.message_id);
    await rig.settle();

    const { message, entry } = await expectOnePlan(rig, cat.chat);
    expect(message?.message_id).not.toBe(streaming.message_id);
    expect(entry.source).toBe("llm");
    expect(
      llm.requests.filter((request) => requestProfile(request).daysPerWeek === 5),
    ).toHaveLength(1);
  });

  it("lets a new process continue a dialogue, and the old process's buttons, after a restart", async () => {
    const prefix = await freshPrefix();
    const first = await startProcess(prefix);
    const dan = person(804);
    const eve = person(805);
    await answerUntilSummary(first, dan.user, dan.chat, answersWith(2), 3);
    const equipment = first.api.botMessages(dan.chat.id).at(-1);
    expect(equipment?.text).toContain("(4/10)");
    // Eve's plan is being written when the restart begins: the old process finishes it first.
    await answerUntilSummary(first, eve.user, eve.chat, answersWith(6));
    await first.say(eve.user, eve.chat, "yes");
    await first.stop();
    rigs.splice(rigs.indexOf(first), 1);

    const second = await startProcess(prefix);
    const tick = buttonData(equipment).find((data) => data.endsWith("|kettlebells"));
    const done = buttonData(equipment).find((data) => data.endsWith("|done"));
    if (!equipment || !tick || !done) throw new Error("no equipment buttons");
    await second.press(dan.user, equipment, tick);
    await second.press(dan.user, equipment, done);
    expect(second.api.botMessages(dan.chat.id).at(-1)?.text).toContain("(5/10)");
    await answerUntilSummary(second, dan.user, dan.chat, answersWith(2));
    await second.say(dan.user, dan.chat, "yes");
    await second.settle();

    const forDan = await expectOnePlan(second, dan.chat);
    expect(forDan.entry.profile.equipment).toContain("kettlebells");
    await expectOnePlan(second, eve.chat);
    expect([...first.errors(), ...second.errors()]).toEqual([]);
  });
});

function rigPrefix(rig: Rig): string {
  return rig.services.config.REDIS_PREFIX;
}
