/**
 * The Telegram side of a benchmark: the fake Bot API behind the recording proxy, and users who
 * type in private chats and wait for the bot's answers. Waiting is keyed by chat and woken by the
 * proxy as each of the bot's calls is answered, so a thousand waiting users cost nothing between
 * calls.
 */
import { EventEmitter } from "node:events";
import { performance } from "node:perf_hooks";
import { labelOf, type Profile } from "../src/profile/schema.js";
import { type FakeMessage, startFakeBotApi } from "../test/fakes/telegram-bot-api.js";
import { type ProxiedCall, startApiProxy, TELEGRAM_RULES } from "./api-proxy.js";

export interface WorldOptions {
  /** The fake's shortest gap between two edits in one chat (Telegram's is about 1 s). */
  readonly editIntervalMs: number;
  readonly waitTimeoutMs?: number;
}

/** A user and their private chat with the bot: both use the same id, as on Telegram. */
export interface ChatUser {
  readonly id: number;
  readonly user: { readonly id: number; readonly first_name: string };
  readonly chat: { readonly id: number; readonly type: "private" };
}

export function chatUser(id: number): ChatUser {
  return { id, user: { id, first_name: `User ${id}` }, chat: { id, type: "private" } };
}

export async function startTelegramWorld(options: WorldOptions) {
  // One listener per waiting test helper inside the fake; a crowd of users is not a leak.
  EventEmitter.defaultMaxListeners = 0;
  const api = await startFakeBotApi({ editIntervalMs: options.editIntervalMs });
  const waiters = new Map<string, Set<() => boolean>>();
  const timeoutMs = options.waitTimeoutMs ?? 120_000;

  const proxy = await startApiProxy({
    upstream: api.apiRoot,
    rules: TELEGRAM_RULES,
    onAnswered(call: ProxiedCall) {
      if (call.chat === undefined) return;
      const pending = waiters.get(call.chat);
      if (!pending) return;
      for (const check of [...pending]) if (check()) pending.delete(check);
    },
  });

  /** Resolves with the time once `check` holds for the chat, re-checked after each bot call. */
  function until(chatId: number, check: () => boolean): Promise<number> {
    if (check()) return Promise.resolve(performance.now());
    return new Promise((resolve, reject) => {
      const key = String(chatId);
      const pending = waiters.get(key) ?? new Set();
      waiters.set(key, pending);
      const timer = setTimeout(() => {
        pending.delete(wrapped);
        reject(new Error(`chat ${chatId}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      const wrapped = () => {
        if (!check()) return false;
        clearTimeout(timer);
        resolve(performance.now());
        return true;
      };
      pending.add(wrapped);
    });
  }

  /** The bot's messages in a chat newer than message `after`. */
  function newer(chatId: number, after: number): FakeMessage[] {
    return api.botMessages(chatId).filter((message) => message.message_id > after);
  }

  return {
    api,
    proxy,
    /** The Bot API root the bot should use: the proxy. */
    apiRoot: proxy.url,
    token: api.token,
    until,
    newer,
    /**
     * The user types `text`; resolves once the bot has sent anything newer in the chat, with the
     * time from the update being queued to that answer, in milliseconds.
     */
    async step(who: ChatUser, text: string): Promise<{ ms: number; reply: FakeMessage }> {
      const said = api.userSays(who.user, who.chat, text).message;
      const started = performance.now();
      const at = await until(who.id, () => newer(who.id, said.message_id).length > 0);
      return { ms: at - started, reply: newer(who.id, said.message_id)[0] as FakeMessage };
    },
    async close(): Promise<void> {
      await proxy.close();
      await api.close();
    },
  };
}

export type TelegramWorld = Awaited<ReturnType<typeof startTelegramWorld>>;

/** What a user types, question by question, to give this profile; ends at the summary. */
export function typedAnswers(profile: Profile): string[] {
  const injured = profile.injuries.some((injury) => injury !== "none");
  const list = (key: "equipment" | "injuries", values: readonly string[]) =>
    values.map((value) => labelOf(key, value)).join(", ");
  return [
    "/plan",
    String(profile.age),
    labelOf("goal", profile.goal),
    labelOf("experience", profile.experience),
    list("equipment", profile.equipment),
    String(profile.daysPerWeek),
    String(profile.minutes),
    list("injuries", profile.injuries),
    ...(injured ? [profile.injuryNotes || "skip"] : []),
    labelOf("units", profile.units),
    profile.notes || "skip",
  ];
}
