/**
 * Drives users through the Telegram dialogue against a bot: each user types their answers one by
 * one, waiting for the bot's answer before the next, with a number of users active at once. Step
 * latencies are from the update being queued at the fake Bot API to the bot's answer arriving.
 */
import { performance } from "node:perf_hooks";
import type { Profile } from "../src/profile/schema.js";
import { chatUser, type TelegramWorld, typedAnswers } from "./telegram-world.js";
import { sleep } from "./timing.js";

export interface LoadOptions {
  /** The first user id; each user's chat has the same id. */
  readonly firstId: number;
  readonly profiles: readonly Profile[];
  /** Users in the dialogue at the same time. */
  readonly concurrency: number;
  /** After the dialogue, confirm and wait for the finished plan. */
  readonly plan?: boolean;
  /** A pause before each step, as a person reads and types; none by default. */
  readonly thinkMs?: () => number;
  /** When each user starts, from the start of the run; all at once by default. */
  readonly startAtMs?: (index: number) => number;
}

export interface LoadResult {
  readonly steps: number;
  readonly wallMs: number;
  readonly latencies: number[];
  /** Latencies of the confirming step alone, which starts the plan; also in `latencies`. */
  readonly confirmLatencies: number[];
  /** Each step's latency with when it started, from the start of the run, in milliseconds. */
  readonly timeline: [number, number][];
  readonly finished: number;
  readonly failures: string[];
}

/** Whether the chat shows a finished plan: the message with the next-step buttons. */
export function hasFinishedPlan(world: TelegramWorld, chatId: number): boolean {
  return world.api
    .botMessages(chatId)
    .some((m) => m.reply_markup?.inline_keyboard.flat().some((b) => b.text === "Swap an exercise"));
}

export async function runDialogues(
  world: TelegramWorld,
  options: LoadOptions,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const confirmLatencies: number[] = [];
  const timeline: [number, number][] = [];
  const failures: string[] = [];
  let finished = 0;
  let next = 0;
  const started = performance.now();

  async function user(index: number): Promise<void> {
    const profile = options.profiles[index] as Profile;
    const who = chatUser(options.firstId + index);
    const startAt = options.startAtMs?.(index) ?? 0;
    if (startAt > 0) await sleep(startAt - (performance.now() - started));
    const texts = [...typedAnswers(profile), ...(options.plan ? ["yes"] : [])];
    for (const text of texts) {
      if (options.thinkMs) await sleep(options.thinkMs());
      const at = performance.now() - started;
      const { ms } = await world.step(who, text);
      latencies.push(ms);
      timeline.push([at, ms]);
      if (options.plan && text === "yes") confirmLatencies.push(ms);
    }
    if (options.plan) await world.until(who.id, () => hasFinishedPlan(world, who.id));
    finished += 1;
  }

  async function lane(): Promise<void> {
    while (next < options.profiles.length) {
      const index = next++;
      await user(index).catch((error: unknown) => {
        failures.push(error instanceof Error ? error.message : String(error));
      });
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  return {
    steps: latencies.length,
    wallMs: performance.now() - started,
    latencies,
    confirmLatencies,
    timeline,
    finished,
    failures,
  };
}

/** Waits until the bot has started long polling (its first getUpdates call). */
export async function waitForPolling(world: TelegramWorld, timeoutMs = 30_000): Promise<void> {
  for (let waited = 0; waited < timeoutMs; waited += 50) {
    if (world.proxy.calls.some((call) => call.path.endsWith("/getUpdates"))) return;
    await sleep(50);
  }
  throw new Error("the bot did not start polling");
}
