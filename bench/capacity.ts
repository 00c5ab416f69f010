/**
 * Benchmark 5, capacity: 1,000 simulated users at once, each typing the whole Telegram dialogue
 * and then getting a streamed plan, against our real entry point on Redis in a process of its own.
 * Users arrive over a short ramp and pause between steps as people do. Reports steps per second,
 * step latency percentiles, whether everyone finished, and the bot process's peak memory.
 */
import { startRedisServer } from "../test/helpers/redis-server.js";
import { startBotProcess } from "./bot-process.js";
import { population, seededRandom } from "./profiles.js";
import { type BenchResult, count, fixed, quantile, table } from "./result.js";
import { runDialogues, waitForPolling } from "./telegram-load.js";
import { startTelegramWorld } from "./telegram-world.js";

const SETTINGS = {
  users: 1_000,
  rampMs: 10_000, // users arrive evenly over 10 s
  thinkMs: [1_000, 4_000], // a pause of 1 to 4 s before each step
  editIntervalMs: 1_000, // the fake's Telegram rule: one edit per second per chat
  goalP99Ms: 100,
  goalRssMiB: 300,
} as const;

const MiB = 1_048_576;

/** p99 step latency in each fifth of the run, to show when the slow steps happened. */
function phases(timeline: readonly [number, number][], wallMs: number): string[][] {
  const fifth = wallMs / 5;
  return [0, 1, 2, 3, 4].map((index) => {
    const inPhase = timeline.filter(([at]) => at >= index * fifth && at < (index + 1) * fifth);
    const from = fixed((index * fifth) / 1_000, 0);
    const to = fixed(((index + 1) * fifth) / 1_000, 0);
    return [
      `p99 of steps started ${from} to ${to} s`,
      `${fixed(
        quantile(
          inPhase.map(([, ms]) => ms),
          0.99,
        ),
        1,
      )} ms (${count(inPhase.length)} steps)`,
    ];
  });
}

export async function run(): Promise<BenchResult> {
  const redis = await startRedisServer();
  const world = await startTelegramWorld({ editIntervalMs: SETTINGS.editIntervalMs });
  const bot = startBotProcess("fitplan", {
    TELEGRAM_BOT_TOKEN: world.token,
    TELEGRAM_API_ROOT: world.apiRoot,
    REDIS_URL: redis.url,
    LOG_LEVEL: "info",
  });
  const random = seededRandom(99);
  const [low, high] = SETTINGS.thinkMs;
  try {
    await waitForPolling(world);
    const idle = await bot.read();
    const load = await runDialogues(world, {
      firstId: 1_000_000,
      profiles: population(SETTINGS.users, 5),
      concurrency: SETTINGS.users,
      plan: true,
      thinkMs: () => low + random() * (high - low),
      startAtMs: (index) => (index * SETTINGS.rampMs) / SETTINGS.users,
    });
    const after = await bot.read();

    const p50 = quantile(load.latencies, 0.5);
    const p99 = quantile(load.latencies, 0.99);
    const max = Math.max(...load.latencies);
    const peakMiB = after.maxRss / MiB;
    const stepsPerSecond = (load.steps * 1_000) / load.wallMs;
    const cpuSeconds = (after.user + after.system - idle.user - idle.system) / 1_000_000;
    const tooMany = world.proxy.calls.filter((call) => call.status === 429).length;
    const allFinished = load.finished === SETTINGS.users;
    const met = allFinished && p99 < SETTINGS.goalP99Ms && peakMiB < SETTINGS.goalRssMiB;
    const failures = [...new Set(load.failures)].slice(0, 3).join("; ");

    return {
      name: "capacity",
      title: "5. Capacity",
      figure: `${load.finished}/${SETTINGS.users} users finished, ${fixed(stepsPerSecond, 1)} steps/s, p50 ${fixed(p50, 1)} ms, p99 ${fixed(p99, 1)} ms, peak RSS ${count(peakMiB)} MiB`,
      ratio: `${fixed(p99 / SETTINGS.goalP99Ms, 2)}x`,
      versus: "the 100 ms p99 goal",
      baseline: "the goals: everyone finishes, p99 step latency under 100 ms, RSS under 300 MB",
      goal: "all finish, p99 < 100 ms, RSS < 300 MB",
      met,
      details: [
        `Our real entry point (adapters/main.ts) runs in a process of its own with REDIS_URL pointing at a private redis-server, the built-in planner (no LLM key) and Telegram's production limits, long polling the fake Bot API (which enforces one edit per second per chat) through the recording proxy. ${count(SETTINGS.users)} users from the realistic population arrive evenly over ${SETTINGS.rampMs / 1_000} s; each types the whole profile dialogue (/plan and 9 or 10 answers), pausing ${low / 1_000} to ${high / 1_000} s before every step, confirms, and waits for the finished plan, which streams into one message and ends with its buttons. Step latency is from the update being queued at the fake Bot API to the bot's answer arriving there. The fakes and the load run in the benchmark's process, on the same 2 cores as the bot.`,
        table(
          ["measure", "value"],
          [
            ["users finished", `${load.finished} of ${SETTINGS.users}`],
            ["steps (updates answered)", count(load.steps)],
            ["wall time", `${fixed(load.wallMs / 1_000, 1)} s`],
            ["steps per second", fixed(stepsPerSecond, 1)],
            ["step latency p50", `${fixed(p50, 1)} ms`],
            ["step latency p90", `${fixed(quantile(load.latencies, 0.9), 1)} ms`],
            ["step latency p99", `${fixed(p99, 1)} ms`],
            ["step latency max", `${fixed(max, 1)} ms`],
            [
              "confirming step (starts the plan) p50 / p99",
              `${fixed(quantile(load.confirmLatencies, 0.5), 1)} / ${fixed(quantile(load.confirmLatencies, 0.99), 1)} ms`,
            ],
            ...phases(load.timeline, load.wallMs),
            ["bot CPU time during the load", `${fixed(cpuSeconds, 1)} s`],
            ["bot RSS when idle, before the load", `${count(idle.rss / MiB)} MiB`],
            ["bot peak RSS", `${count(peakMiB)} MiB`],
            ["429s from the fake Bot API", count(tooMany)],
          ],
        ),
        failures ? `Failures: ${failures}` : "No user failed.",
        ...(p99 < SETTINGS.goalP99Ms
          ? []
          : [
              `**Missed** the p99 goal by ${fixed(p99 - SETTINGS.goalP99Ms, 0)} ms (the median step is ${fixed(p50, 1)} ms). The slow steps come while plans are being made and streamed (the middle of the run in the table above): plan generation, rendering and the streamed edits of hundreds of users share one event loop with the dialogue steps, so a step waits behind them. The run also shares the 2 cores with the fakes and the load driver, and the figure varies from run to run by a factor of about two. Running plan work in a worker thread, or more processes behind a webhook, are the levers left.`,
            ]),
        "Steps per second is set by the offered load (1,000 people pausing 1 to 4 s between steps), not by a ceiling; the overhead benchmark shows how fast one process answers when users do not pause. About 166 MiB of the memory is Node with tsx compiling TypeScript at start-up, before any user arrives.",
      ],
    };
  } finally {
    await bot.stop();
    await world.close();
    await redis.close();
  }
}
