/**
 * The Telegram front end running for real (grammY, the coach, the built-in planner, the in-process
 * store) against the fake Bot API, plus the user's side of a chat: typing, pressing buttons and
 * waiting for the bot's answer.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startTelegram } from "../../adapters/telegram/start.js";
import { createCoach } from "../../src/coach.js";
import { createFeatures } from "../../src/features/index.js";
import type { LiveMessageOptions, SurfaceLimits } from "../../src/live-message/index.js";
import { noMetrics } from "../../src/metrics.js";
import type { GeneratorChunk, PlanGenerator } from "../../src/pipeline/types.js";
import { createPlannerGenerator } from "../../src/planner/index.js";
import { createPlanning } from "../../src/planning.js";
import { type Logger, silentLogger } from "../../src/ports.js";
import { createMemoryStore } from "../../src/store/memory.js";
import {
  type FakeChat,
  type FakeMessage,
  type FakeUser,
  startFakeBotApi,
} from "../fakes/telegram-bot-api.js";

export interface HarnessOptions {
  readonly editIntervalMs?: number;
  readonly liveLimits?: Partial<SurfaceLimits>;
  readonly liveOptions?: Partial<LiveMessageOptions>;
  /** Holds the planner's last chunk back until the test opens the gate. */
  readonly gate?: Promise<void>;
  readonly webhook?: boolean;
  /** Incoming messages per user per 5 s; tests type faster than people, so it is high here. */
  readonly incomingLimit?: number;
  readonly logger?: Logger;
  /** Keeps the incoming-message limiter in this Redis. */
  readonly redisUrl?: string;
}

/** The built-in planner, optionally waiting on a gate before its final chunk. */
function gatedPlanner(gate: Promise<void> | undefined): PlanGenerator {
  const planner = createPlannerGenerator();
  return {
    id: planner.id,
    source: planner.source,
    async *generate(profile, context): AsyncIterable<GeneratorChunk> {
      for await (const chunk of planner.generate(profile, context)) {
        if (chunk.type === "final" && gate) await gate;
        yield chunk;
      }
    },
  };
}

export async function startHarness(options: HarnessOptions = {}) {
  const api = await startFakeBotApi(
    options.editIntervalMs === undefined ? {} : { editIntervalMs: options.editIntervalMs },
  );
  const store = createMemoryStore();
  const common = { store, clock: Date.now, logger: options.logger ?? silentLogger };
  const planning = createPlanning({
    ...common,
    planner: gatedPlanner(options.gate),
    metrics: noMetrics,
  });
  const coach = createCoach({ ...common, planning, features: createFeatures(common) });

  const hook = options.webhook ? await startHookServer() : undefined;
  const running = await startTelegram({
    ...common,
    token: api.token,
    apiRoot: api.apiRoot,
    coach,
    liveLimits: { minEditIntervalMs: 50, ...options.liveLimits },
    options: { incomingLimit: options.incomingLimit ?? 1_000 },
    ...(options.redisUrl ? { redisUrl: options.redisUrl, limiterKeyPrefix: "test:" } : {}),
    ...(options.liveOptions ? { liveOptions: options.liveOptions } : {}),
    ...(hook ? { webhookUrl: hook.url, webhookSecret: "test-secret" } : {}),
  });
  if (hook && running.webhook) hook.mount(running.webhook.handler);

  return {
    api,
    store,
    running,
    /** A user types in a chat. */
    say(user: FakeUser, chat: FakeChat, text: string, replyTo?: FakeMessage) {
      return api.userSays(user, chat, text, replyTo).message;
    },
    /** A user presses the newest button of theirs whose value is `value`; resolves when answered. */
    async press(user: FakeUser, chat: FakeChat, value: string) {
      const found = await api.waitFor(() => findButton(api.botMessages(chat.id), user, value));
      const { id } = api.userPresses(user, found.message, found.data);
      return api.waitFor(() => api.answer(id)?.answered && api.answer(id));
    },
    async close() {
      await running.stop(10_000);
      await hook?.close();
      await api.close();
    },
  };
}

function findButton(messages: FakeMessage[], user: FakeUser, value: string) {
  for (const message of [...messages].reverse()) {
    for (const button of message.reply_markup?.inline_keyboard.flat() ?? []) {
      const data = button.callback_data ?? "";
      const parts = data.split("|");
      if (parts[1] === String(user.id) && parts.at(-1) === value) return { message, data };
    }
  }
  return undefined;
}

/** A loopback HTTP server standing in for the HTTP front end that mounts the webhook route. */
async function startHookServer() {
  let handler: ((req: never, res: never) => Promise<void>) | undefined;
  const server = createServer((req, res) => {
    if (!handler) return void res.writeHead(503).end();
    void handler(req as never, res as never);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/telegram/webhook`,
    mount(next: (req: never, res: never) => Promise<void>) {
      handler = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The finished plan: the bot's message that carries the next-step buttons. */
export function finishedPlan(messages: FakeMessage[]): FakeMessage | undefined {
  return messages.find((message) =>
    message.reply_markup?.inline_keyboard.flat().some((b) => b.text === "Swap an exercise"),
  );
}
