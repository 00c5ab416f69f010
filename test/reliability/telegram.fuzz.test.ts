/**
 * Fuzzes the Telegram front end: real grammY and the composed services, against the fake Bot API.
 * Two users, a private chat and a group, random sequences of messages and button presses.
 *
 * What the bot may do, per update:
 * - A text message addressed to the bot (any message in a private chat, or in a group a command or
 *   a reply to the bot) gets at least one message back, and at most one finished plan.
 * - A message not addressed to it (group chatter, a command for another bot) gets nothing at all:
 *   no API call, no state change.
 * - A button press is answered exactly once (one answerCallbackQuery, which the fake accepts).
 *   A press on someone else's button, or on data the bot never wrote, sends no message and
 *   changes nobody's state.
 * - No update ever ends in the apology, an error log line, or a stored state that does not parse.
 * The fake Bot API enforces Telegram's own limits (text length, entities, button data) and fails
 * any call that breaks them, which would show up as an error here.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TELEGRAM_WORDS } from "../../adapters/telegram/words.js";
import { ConversationStateSchema } from "../../src/conversation/state.js";
import { userKey } from "../../src/ports.js";
import {
  type FakeBotApi,
  type FakeChat,
  type FakeMessage,
  startFakeBotApi,
} from "../fakes/telegram-bot-api.js";
import { type RedisServer, startRedisServer } from "../helpers/redis-server.js";
import { ME, OTHER, shortReport } from "./arbitraries.js";
import { buttonData, finishedPlans, newestKeyboard, type Rig, startRig } from "./rig.js";
import { type Act, actArb, type Cast, type FakeShown, newCast, pick } from "./telegram-acts.js";

// The bot under test; each describe block starts its own.
let api: FakeBotApi;
let rig: Rig;

/** What one update did: the API calls it caused, and the bot messages it left. */
interface Effect {
  readonly calls: { method: string; params: Record<string, unknown> }[];
  readonly sent: FakeMessage[];
}

async function observe(chats: readonly FakeChat[], work: () => Promise<unknown>): Promise<Effect> {
  const callsBefore = api.calls.length;
  const before = new Set(chats.flatMap((chat) => api.messages(chat.id, true)));
  await work();
  await rig.settle();
  const sent = chats
    .flatMap((chat) => api.messages(chat.id, true))
    .filter((message) => !before.has(message) && message.from.is_bot);
  return { calls: api.calls.slice(callsBefore), sent };
}

async function statesOf(cast: Cast): Promise<unknown[]> {
  return Promise.all(
    cast.users.map((user) => rig.services.store.getState(userKey("telegram", user.id))),
  );
}

/** A button of the user's newest keyboard in the chosen chat. */
function newestButton(cast: Cast, act: Extract<Act, { t: "press" }>): FakeShown | undefined {
  const user = cast.users[act.who] ?? cast.users[0];
  const chat = cast.chats[act.where][act.who];
  const message = chat ? newestKeyboard(api, chat, user) : undefined;
  const data = pick(buttonData(message), act.index);
  return message && data ? { message, data } : undefined;
}

/** Notes every button each user has been shown so far, to press again when it is stale. */
function remember(cast: Cast): void {
  for (const message of api
    .botMessages(cast.chats.group[0].id)
    .concat(cast.chats.private.flatMap((chat) => api.botMessages(chat.id)))) {
    for (const data of buttonData(message)) {
      cast.users.forEach((user, index) => {
        const mine = data.split("|")[1] === String(user.id);
        const list = cast.shown[index as 0 | 1];
        if (mine && !list.some((seen) => seen.data === data && seen.message === message)) {
          list.push({ message, data });
        }
      });
    }
  }
}

function expectAnsweredOnce(effect: Effect, ids: readonly string[]): void {
  for (const id of ids) {
    const answers = effect.calls.filter(
      (call) =>
        call.method === "answerCallbackQuery" && String(call.params.callback_query_id) === id,
    );
    expect(answers).toHaveLength(1);
    expect(api.answer(id)?.answered).toBe(true);
  }
}

function expectAnswered(effect: Effect): void {
  expect(effect.sent.length).toBeGreaterThanOrEqual(1);
  expect(
    effect.sent.filter((message) => buttonData(message).some((d) => d.startsWith("n|"))).length,
  ).toBeLessThanOrEqual(1);
}

function expectNothing(effect: Effect): void {
  expect(effect.sent).toEqual([]);
}

async function perform(cast: Cast, act: Act): Promise<void> {
  const allChats = [...cast.chats.private, cast.chats.group[0]];
  const statesBefore = await statesOf(cast);

  if (act.t === "profile") {
    const user = cast.users[act.who] ?? cast.users[0];
    await rig.services.store.setProfile(userKey("telegram", user.id), act.profile);
    return;
  }

  if (act.t === "say" || act.t === "reply") {
    const user = cast.users[act.who] ?? cast.users[0];
    const chat = act.t === "say" ? cast.chats[act.where][act.who] : cast.chats.group[0];
    if (!chat) return;
    const replyTo = act.t === "reply" ? api.botMessages(chat.id).at(-1) : undefined;
    const effect = await observe(allChats, () => rig.say(user, chat, act.text, replyTo));
    const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(act.text);
    const forOtherBot = command?.[1] !== undefined && command[1] !== "@fake_coach_bot";
    const addressed =
      !forOtherBot && (chat.type === "private" || command !== null || replyTo !== undefined);
    if (addressed) expectAnswered(effect);
    else {
      expect(effect.calls).toEqual([]);
      expect(await statesOf(cast)).toEqual(statesBefore);
    }
    remember(cast);
    return;
  }

  if (act.t === "press" || act.t === "stale") {
    const user = cast.users[act.who] ?? cast.users[0];
    const shown = cast.shown[act.who as 0 | 1];
    const target = act.t === "press" ? newestButton(cast, act) : pick(shown, act.index);
    if (!target) return;
    const twice = act.t === "press" && act.twice;
    let ids: string[] = [];
    const effect = await observe(allChats, async () => {
      ids = twice
        ? await rig.doubleTap(user, target.message, target.data)
        : [await rig.press(user, target.message, target.data)];
    });
    expectAnsweredOnce(effect, ids);
    remember(cast);
    return;
  }

  if (act.t === "foreign") {
    // Ben presses one of Ana's buttons in the group.
    const target = pick(
      cast.shown[0].filter((seen) => seen.message.chat.type !== "private"),
      act.index,
    );
    if (!target) return;
    let id = "";
    const effect = await observe(allChats, async () => {
      id = await rig.press(cast.users[1], target.message, target.data);
    });
    expectAnsweredOnce(effect, [id]);
    expect(api.answer(id)?.text).toBe(TELEGRAM_WORDS.foreignButton);
    expectNothing(effect);
    expect(await statesOf(cast)).toEqual(statesBefore);
    return;
  }

  const user = cast.users[act.who] ?? cast.users[0];
  const other = cast.users[1 - act.who] ?? cast.users[1];
  const chat = cast.chats[act.where][act.who];
  const message = chat ? api.botMessages(chat.id).at(-1) : undefined;
  if (!message) return;
  const data = act.forged.data.replaceAll(ME, String(user.id)).replaceAll(OTHER, String(other.id));
  let id = "";
  const effect = await observe(allChats, async () => {
    id = await rig.press(user, message, data);
  });
  expectAnsweredOnce(effect, [id]);
  if (!act.forged.ours) {
    expectNothing(effect);
    expect(await statesOf(cast)).toEqual(statesBefore);
  }
  remember(cast);
}

/** Runs the property against the bot the enclosing describe block started. */
function fuzz(runs: number): void {
  it("answers what is addressed to it, ignores the rest, and never fails", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(actArb, { minLength: 15, maxLength: 40 }), async (acts) => {
        const cast = newCast();
        for (const act of acts) {
          await perform(cast, act);
          for (const state of await statesOf(cast)) {
            if (state !== undefined)
              expect(ConversationStateSchema.safeParse(state).success).toBe(true);
          }
          const apologies = api.calls.filter((call) =>
            String(call.params.text ?? "").includes(TELEGRAM_WORDS.apology),
          );
          expect(apologies).toEqual([]);
          expect(rig.errors()).toEqual([]);
        }
        for (const chat of [...cast.chats.private, cast.chats.group[0]]) {
          const plans = finishedPlans(api, chat);
          expect(new Set(plans.map((plan) => plan.message_id)).size).toBe(plans.length);
        }
      }),
      { numRuns: runs, reporter: shortReport },
    );
  });
}

describe("the Telegram bot under random updates, on the in-process store", () => {
  beforeAll(async () => {
    api = await startFakeBotApi();
    rig = await startRig(api);
  });
  afterAll(async () => {
    await rig?.stop();
    await api?.close();
  });
  fuzz(60);
});

describe("the Telegram bot under random updates, on Redis", () => {
  let redis: RedisServer | undefined;
  beforeAll(async () => {
    redis = await startRedisServer();
    api = await startFakeBotApi();
    rig = await startRig(api, { env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await rig?.stop();
    await api?.close();
    await redis?.close();
  });
  fuzz(25);
});
