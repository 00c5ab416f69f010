/**
 * Benchmark 1, overhead per update: our Telegram bot (the real entry point, on the in-process
 * store and on Redis) against a bare grammY echo bot, each in a process of its own, long polling
 * the same fake Bot API under the same load: users typing their way through the profile dialogue.
 * CPU time is the bot process's own (process.cpuUsage, read by a preloaded probe).
 */
import type { Profile } from "../src/profile/schema.js";
import { startRedisServer } from "../test/helpers/redis-server.js";
import { type BotKind, startBotProcess } from "./bot-process.js";
import { population } from "./profiles.js";
import { type BenchResult, count, fixed, table, times } from "./result.js";
import { runDialogues, waitForPolling } from "./telegram-load.js";
import { startTelegramWorld, type TelegramWorld } from "./telegram-world.js";

const SETTINGS = {
  users: 200, // per measured run, about 10 updates each
  concurrency: 20, // users in the dialogue at once
  warmupUsers: 20,
  rounds: 2, // each variant runs this often, interleaved; the cheapest run counts
  goalMemory: 1.2,
  goalRedis: 1.5,
} as const;

interface Variant {
  readonly name: string;
  readonly kind: BotKind;
  readonly redis: boolean;
}

const VARIANTS: readonly Variant[] = [
  { name: "bare grammY echo", kind: "echo", redis: false },
  { name: "fitplan, in-process store", kind: "fitplan", redis: false },
  { name: "fitplan, Redis", kind: "fitplan", redis: true },
];

interface Measured {
  readonly variant: Variant;
  readonly updates: number;
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly failures: number;
}

async function measure(
  world: TelegramWorld,
  variant: Variant,
  redisUrl: string,
  firstId: number,
  profiles: readonly Profile[],
): Promise<Measured> {
  const bot = startBotProcess(variant.kind, {
    TELEGRAM_BOT_TOKEN: world.token,
    TELEGRAM_API_ROOT: world.apiRoot,
    LOG_LEVEL: "info",
    ...(variant.redis ? { REDIS_URL: redisUrl, REDIS_PREFIX: `bench${firstId}:` } : {}),
  });
  try {
    await waitForPolling(world);
    const warm = profiles.slice(0, SETTINGS.warmupUsers);
    await runDialogues(world, { firstId, profiles: warm, concurrency: SETTINGS.concurrency });
    const before = await bot.read();
    const load = await runDialogues(world, {
      firstId: firstId + SETTINGS.warmupUsers,
      profiles: profiles.slice(SETTINGS.warmupUsers),
      concurrency: SETTINGS.concurrency,
    });
    const after = await bot.read();
    const cpuMs = (after.user + after.system - before.user - before.system) / 1_000;
    return {
      variant,
      updates: load.steps,
      cpuMs,
      wallMs: load.wallMs,
      failures: load.failures.length,
    };
  } finally {
    await bot.stop();
  }
}

export async function run(): Promise<BenchResult> {
  const redis = await startRedisServer();
  const world = await startTelegramWorld({ editIntervalMs: 0 });
  const profiles = population(SETTINGS.users + SETTINGS.warmupUsers, 7);
  const runs: Measured[] = [];
  try {
    await world.api.waitFor(() => true);
    let firstId = 100_000;
    for (let round = 0; round < SETTINGS.rounds; round += 1) {
      for (const variant of VARIANTS) {
        runs.push(await measure(world, variant, redis.url, firstId, profiles));
        firstId += 10_000;
      }
    }
  } finally {
    await world.close();
    await redis.close();
  }

  const perUpdate = (m: Measured) => m.cpuMs / m.updates;
  const best = VARIANTS.map((variant) => {
    const mine = runs.filter((m) => m.variant === variant);
    return mine.reduce((a, b) => (perUpdate(b) < perUpdate(a) ? b : a));
  });
  const [echo, memory, onRedis] = best as [Measured, Measured, Measured];
  const ratio = (m: Measured) => perUpdate(m) / perUpdate(echo);
  const met = ratio(memory) <= SETTINGS.goalMemory && ratio(onRedis) <= SETTINGS.goalRedis;
  const failures = runs.reduce((sum, m) => sum + m.failures, 0);

  return {
    name: "overhead",
    title: "1. Overhead per update",
    figure: `${fixed(perUpdate(memory), 2)} CPU ms per dialogue step in process, ${fixed(perUpdate(onRedis), 2)} on Redis (${count((memory.updates * 1_000) / memory.wallMs)} and ${count((onRedis.updates * 1_000) / onRedis.wallMs)} updates/s)`,
    ratio: `${times(ratio(memory))} and ${times(ratio(onRedis))}`,
    versus: "the bare echo bot",
    baseline: `a bare grammY echo bot: ${fixed(perUpdate(echo), 2)} CPU ms per update, ${count((echo.updates * 1_000) / echo.wallMs)} updates/s`,
    goal: `<= ${SETTINGS.goalMemory}x in process, <= ${SETTINGS.goalRedis}x on Redis`,
    met,
    details: [
      `Each bot runs in a process of its own with a probe preloaded that reads process.cpuUsage(): our real entry point (adapters/main.ts, configured by environment variables as in production, LOG_LEVEL=info, with and without REDIS_URL pointing at a private redis-server) and a bare grammY echo bot (bench/echo-bot.ts: repeat each text, nothing else). All use grammY's built-in long polling against the same fake Bot API, behind the same recording proxy, in the benchmark's process. The load is identical: ${SETTINGS.users} users from the realistic population, ${SETTINGS.concurrency} at a time, each typing their answers to the whole profile dialogue (/plan, then 9 or 10 answers, up to the summary), one update at a time, each sent once the bot has answered the one before. ${SETTINGS.warmupUsers} users warm each bot up first, unmeasured. Every variant ran ${SETTINGS.rounds} times, interleaved; the table shows every run, and the cheapest run of each counts.`,
      table(
        ["bot", "updates", "updates/s", "CPU ms per update", "vs echo", "failed users"],
        runs.map((m) => [
          m.variant.name,
          count(m.updates),
          count((m.updates * 1_000) / m.wallMs),
          fixed(perUpdate(m), 3),
          times(perUpdate(m) / perUpdate(echo)),
          count(m.failures),
        ]),
      ),
      ...(met
        ? []
        : [
            `**Missed**: a step costs ${times(ratio(memory))} the echo in process (goal ${SETTINGS.goalMemory}x) and ${times(ratio(onRedis))} on Redis (goal ${SETTINGS.goalRedis}x). The echo's own cost per update is mostly grammY and HTTP (parsing the update, one sendMessage); ours adds the work listed below. Profiled (BENCH_CPU_PROF=<dir> writes each bot's CPU profile): driven through grammY's handleUpdate with no network, our own work per step (the flood limiter, the conversation step, zod parsing of the stored state, the store, the keyboard) costs about 0.02 to 0.04 ms against the echo's 0.005 ms, so most of the gap sits in HTTP handling and garbage collection in a larger process. Giving the echo's reply the same keyboard does not close it (tried: the echo stayed at about 0.52 ms). On Redis each step adds the limiter's two commands and the state read and write, pipelined.`,
          ]),
      `Failed users across all runs: ${failures}. A dialogue step in our bot does what the echo does (take the update, send one message) plus the flood limiter, loading the user's profile and dialogue state (together, one pipeline on Redis), the conversation step, saving the state, and building the keyboard (button references go through the store only when longer than Telegram's 64 bytes). The echo handles one update at a time, as grammY's built-in long polling does; our bot hands each update to a per-chat queue, so chats are served side by side and each chat's updates in order. Updates/s therefore mostly measures round trips; CPU per update is the comparison that counts.`,
    ],
  };
}
