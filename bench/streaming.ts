/**
 * Benchmark 2, streaming: the fake LLM streams whole plans at a realistic rate (about 8 s each),
 * and a few users on Telegram and on Discord each ask for one at the same time. Measured at the
 * proxy in front of each fake chat API: the time from the LLM's first token to the first plan
 * text in the chat, the API calls per plan, and the 429s from one edit per second per chat.
 */
import { createCoach } from "../src/coach.js";
import { silentLogger } from "../src/ports.js";
import type { Profile } from "../src/profile/schema.js";
import { createMemoryStore } from "../src/store/memory.js";
import { askedPlan } from "../test/fakes/model.js";
import type { ProxiedCall } from "./api-proxy.js";
import { startBotProcess } from "./bot-process.js";
import { startDiscordWorld } from "./discord-world.js";
import { BENCH_MODEL, createLlmPlanning } from "./llm-service.js";
import { startLlmWorld } from "./llm-world.js";
import { representativeProfiles } from "./profiles.js";
import { type BenchResult, count, fixed, table, times } from "./result.js";
import { chatUser, startTelegramWorld, typedAnswers } from "./telegram-world.js";
import { sleep } from "./timing.js";

const SETTINGS = {
  planMs: 8_000, // one whole answer, as a real model streams it
  chunkChars: 4, // about one token per delta
  editIntervalMs: 1_000, // the fakes' rule: one edit per second per chat
  goalFirstTextMs: 1_000,
  profiles: ["gym-4d-60m-muscle-int", "dumbbells-bad-knees-muscle", "gym-6d-90m-strength-adv"],
} as const;

const FIRST_DAY = /Monday: /;

interface PlanRun {
  readonly platform: string;
  readonly profile: string;
  readonly firstTextMs: number;
  readonly firstDayMs: number;
  readonly finishedMs: number;
  readonly streamMs: number;
  readonly calls: number;
  readonly byMethod: string;
  readonly edits: number;
  readonly tooMany: number;
  readonly messages: number;
  /** Streamed deltas in the answer: the edits a stream that edits on every token would make. */
  readonly deltas: number;
}

function chosenProfiles(): [string, Profile][] {
  const all = new Map(representativeProfiles());
  return SETTINGS.profiles.map((name) => [name, all.get(name) as Profile]);
}

/** Reads one plan's calls: those in its chat from `since` on. */
function summarise(
  platform: string,
  profile: string,
  title: string,
  calls: readonly ProxiedCall[],
  firstTokenAt: number,
  endedAt: number,
  deltas: number,
  methodOf: (call: ProxiedCall) => string,
): PlanRun {
  const shows = (test: (text: string) => boolean) =>
    calls.find((call) => call.status < 300 && test(call.text ?? ""));
  const shown = shows((text) => text.includes(title) || FIRST_DAY.test(text));
  const day = shows((text) => FIRST_DAY.test(text));
  const last = calls.at(-1);
  const methods = new Map<string, number>();
  for (const call of calls) methods.set(methodOf(call), (methods.get(methodOf(call)) ?? 0) + 1);
  return {
    platform,
    profile,
    firstTextMs: shown ? shown.at - firstTokenAt : Number.POSITIVE_INFINITY,
    firstDayMs: day ? day.at - firstTokenAt : Number.POSITIVE_INFINITY,
    finishedMs: last ? last.at - firstTokenAt : Number.NaN,
    streamMs: endedAt - firstTokenAt,
    calls: calls.length,
    byMethod: [...methods].map(([method, n]) => `${method} ${n}`).join(", "),
    edits: calls.filter((call) => call.edit).length,
    tooMany: calls.filter((call) => call.status === 429).length,
    messages: calls.filter((call) => !call.edit && call.text !== undefined).length,
    deltas,
  };
}

async function telegram(profiles: [string, Profile][]): Promise<PlanRun[]> {
  const llm = await startLlmWorld(SETTINGS);
  const world = await startTelegramWorld({ editIntervalMs: SETTINGS.editIntervalMs });
  const bot = startBotProcess("fitplan", {
    TELEGRAM_BOT_TOKEN: world.token,
    TELEGRAM_API_ROOT: world.apiRoot,
    OPENAI_API_KEY: "bench-key",
    OPENAI_BASE_URL: llm.baseURL,
    OPENAI_MODEL: BENCH_MODEL,
    LOG_LEVEL: "warn",
  });
  try {
    await waitForPolling(world);
    return await Promise.all(
      profiles.map(async ([name, profile], index) => {
        const who = chatUser(5_000 + index);
        for (const text of typedAnswers(profile)) await world.step(who, text);
        const since = world.proxy.calls.length;
        await world.step(who, "yes");
        await world.until(who.id, () =>
          world.api
            .botMessages(who.id)
            .some((m) =>
              m.reply_markup?.inline_keyboard.flat().some((b) => b.text === "Swap an exercise"),
            ),
        );
        const answered = llm.answered.get(profile.age);
        if (!answered) throw new Error(`no LLM request for ${name}`);
        const calls = world.proxy.calls.slice(since).filter((call) => call.chat === String(who.id));
        return summarise(
          "Telegram",
          name,
          askedPlan(profile).title,
          calls,
          answered.firstTokenAt,
          answered.endedAt,
          Math.ceil(answered.chars / SETTINGS.chunkChars),
          (call) => call.path.split("/").pop() ?? "",
        );
      }),
    );
  } finally {
    await bot.stop();
    await world.close();
    await llm.server.close();
  }
}

/** Waits until the bot has started long polling (its first getUpdates call). */
async function waitForPolling(world: Awaited<ReturnType<typeof startTelegramWorld>>) {
  for (let waited = 0; waited < 30_000; waited += 50) {
    if (world.proxy.calls.some((call) => call.path.endsWith("/getUpdates"))) return;
    await sleep(50);
  }
  throw new Error("the bot did not start polling");
}

async function discord(profiles: [string, Profile][]): Promise<PlanRun[]> {
  const llm = await startLlmWorld(SETTINGS);
  const store = createMemoryStore();
  const planning = createLlmPlanning({ baseURL: llm.baseURL, store });
  const coach = createCoach({ store, planning, clock: Date.now, logger: silentLogger });
  const world = await startDiscordWorld({ coach, store, editIntervalMs: SETTINGS.editIntervalMs });
  try {
    const chats = await Promise.all(
      profiles.map(([, profile], index) => world.plan(`40000000000000000${index + 1}`, profile)),
    );
    await world.whenIdle();
    return profiles.map(([name, profile], index) => {
      const answered = llm.answered.get(profile.age);
      if (!answered) throw new Error(`no LLM request for ${name}`);
      const calls = world.proxy.calls.filter((call) => call.chat === chats[index]);
      return summarise(
        "Discord",
        name,
        askedPlan(profile).title,
        calls,
        answered.firstTokenAt,
        answered.endedAt,
        Math.ceil(answered.chars / SETTINGS.chunkChars),
        (call) =>
          `${call.method} ${call.path.includes("/callback") ? "callback" : call.path.includes("@original") ? "@original" : call.method === "POST" ? "follow-up" : "message"}`,
      );
    });
  } finally {
    await world.close();
    await llm.server.close();
  }
}

export async function run(): Promise<BenchResult> {
  const profiles = chosenProfiles();
  const runs = [...(await telegram(profiles)), ...(await discord(profiles))];
  const worst = (platform: string) =>
    Math.max(...runs.filter((r) => r.platform === platform).map((r) => r.firstTextMs));
  const mean = (platform: string, pick: (r: PlanRun) => number) => {
    const mine = runs.filter((r) => r.platform === platform);
    return mine.reduce((sum, r) => sum + pick(r), 0) / mine.length;
  };
  const tooMany = runs.reduce((sum, r) => sum + r.tooMany, 0);
  const worstAll = Math.max(worst("Telegram"), worst("Discord"));
  const seconds = (ms: number) => (Number.isFinite(ms) ? `${fixed(ms / 1_000, 2)} s` : "never");
  const met = worstAll <= SETTINGS.goalFirstTextMs && tooMany === 0;

  return {
    name: "streaming",
    title: "2. Streaming",
    figure: `first plan text ${seconds(worst("Telegram"))} (Telegram) and ${seconds(worst("Discord"))} (Discord) after the first LLM token, ${fixed(
      mean("Telegram", (r) => r.calls),
      1,
    )} and ${fixed(
      mean("Discord", (r) => r.calls),
      1,
    )} API calls per plan, ${tooMany} 429s`,
    ratio: times(worstAll / SETTINGS.goalFirstTextMs),
    versus: "the 1 s goal",
    baseline:
      "the goal: first plan text within 1 s of the first token, and no 429 at one edit per second per chat",
    goal: "first text <= 1 s, zero 429s",
    met,
    details: [
      `The fake OpenAI server answers each request with the plan the model is asked to write for the profile in the prompt, ${SETTINGS.chunkChars} characters (about one token) per delta, paced so that a whole answer takes about ${fixed(SETTINGS.planMs / 1_000, 0)} s: the full realistic rate, not scaled down. ${SETTINGS.profiles.length} users on each platform ask for a plan at the same time (${SETTINGS.profiles.join(", ")}). A recording proxy sits between each bot and its fake chat API; times are taken there, on the same clock as the fake LLM's first token.`,
      "- **Telegram**: our entry point (adapters/main.ts) in a process of its own, configured as in production (LLM from the environment, in-process store, Telegram's limits: 4096 characters, 1 s between edits), long polling the fake Bot API, which answers an edit within 1 s of the last one in the chat with a 429. Each user types the whole dialogue, then confirms.",
      "- **Discord**: our Discord front end (adapters/discord: router, surface, streamer, Discord's limits of 2000 characters and 1.2 s) in this process with the same coach and LLM generator, against the fake Discord REST API; the proxy answers a PATCH within 1 s of the last one for the same interaction with Discord's 429. Each member runs /plan with every answer given.",
      table(
        [
          "platform",
          "profile",
          "first plan text",
          "first day",
          "whole answer streamed",
          "last call",
          "API calls",
          "edits",
          "429s",
          "by method",
        ],
        runs.map((r) => [
          r.platform,
          r.profile,
          seconds(r.firstTextMs),
          seconds(r.firstDayMs),
          seconds(r.streamMs),
          seconds(r.finishedMs),
          count(r.calls),
          count(r.edits),
          count(r.tooMany),
          r.byMethod,
        ]),
      ),
      `"First plan text" is the first send or edit in the chat that shows text the model wrote (the plan's title line, or a day), counted from the moment the fake LLM sent the first token; "first day" is the first that shows a day with its exercises (the "Monday: " heading). The title alone is over the live message's 40 characters for a first send, so it goes out as soon as its line is complete; the first day then waits for the next edit slot, a second later (${seconds(Math.max(...runs.map((r) => r.firstDayMs - r.firstTextMs)))} at most here). "Last call" is when the finished, formatted plan was in place. Telegram: ${fixed(
        mean("Telegram", (r) => r.calls),
        1,
      )} API calls per plan on average (from the confirmation to the finished plan, typing actions included); Discord: ${fixed(
        mean("Discord", (r) => r.calls),
        1,
      )} (from the deferred reply on). A naive stream that edited on every token would make about ${count((mean("Telegram", (r) => r.streamMs) / 1_000) * (1_000 / 35))} edits per plan.`,
    ],
  };
}
