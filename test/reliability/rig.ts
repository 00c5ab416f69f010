/**
 * The Telegram bot as the composition root builds it (composeServices: store, planner, LLM,
 * features), driven against the fake Bot API. Updates go straight into grammY's handleUpdate, as
 * in webhook mode, so a test knows when one has been handled; plans stream in background jobs the
 * test can wait for. Every log line is kept, after the logger's own secret masking.
 */
import { Writable } from "node:stream";
import { composeServices, type Services } from "../../adapters/compose.js";
import { createTelegramBot } from "../../adapters/telegram/bot.js";
import { createJobs } from "../../adapters/telegram/jobs.js";
import { parseConfig } from "../../src/config.js";
import type { SurfaceLimits } from "../../src/live-message/index.js";
import type { FakeBotApi, FakeChat, FakeMessage, FakeUser } from "../fakes/telegram-bot-api.js";

export interface RigOptions {
  /** Environment variables for the configuration, such as REDIS_URL or OPENAI_BASE_URL. */
  readonly env?: Readonly<Record<string, string>>;
  readonly liveLimits?: Partial<SurfaceLimits>;
}

export interface LogLine {
  readonly level: number;
  readonly msg?: string;
  readonly [field: string]: unknown;
}

export type Rig = Awaited<ReturnType<typeof startRig>>;

/** One bot process: its services and bot, on the given fake Bot API. */
export async function startRig(api: FakeBotApi, options: RigOptions = {}) {
  const raw: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      raw.push(String(chunk));
      done();
    },
  });
  const parsed = parseConfig({ LOG_LEVEL: "debug", PLAN_LIMIT_PER_HOUR: "1000", ...options.env });
  if (!parsed.ok) throw new Error(`bad test configuration: ${parsed.problems.join("; ")}`);
  const services: Services = await composeServices(parsed.config, { logDestination: sink });
  const logger = services.logger.child({ frontEnd: "telegram" });
  const jobs = createJobs(logger);
  const bot = createTelegramBot({
    token: api.token,
    apiRoot: api.apiRoot,
    coach: services.coach,
    store: services.store,
    logger,
    clock: services.clock,
    jobs,
    liveLimits: { minEditIntervalMs: 5, ...options.liveLimits },
    // Tests type faster than people; the flood guard has its own tests.
    options: { incomingLimit: 100_000 },
  });
  await bot.init();

  async function deliver(update: object): Promise<void> {
    // A copy, as if it came over the wire: the fake's own objects stay untouched.
    await bot.handleUpdate(JSON.parse(JSON.stringify(update)));
  }

  return {
    api,
    services,
    raw,
    /** Parsed log lines. */
    logs: (): LogLine[] => raw.map((line) => JSON.parse(line) as LogLine),
    /** Error and fatal log lines: what a crash leaves behind. */
    errors: (): LogLine[] =>
      raw.map((line) => JSON.parse(line) as LogLine).filter((l) => l.level >= 50),
    /** A user writes; resolves once the bot has handled the message (plans may still stream). */
    async say(user: FakeUser, chat: FakeChat, text: string, replyTo?: FakeMessage) {
      const { message, update } = api.userSays(user, chat, text, replyTo);
      await deliver(update);
      return message;
    },
    /** A user presses a button; resolves with the callback query id once it has been handled. */
    async press(user: FakeUser, message: FakeMessage, data: string): Promise<string> {
      const { id, update } = api.userPresses(user, message, data);
      await deliver(update);
      return id;
    },
    /** Presses twice before the bot has handled either, like a double tap in webhook mode. */
    async doubleTap(user: FakeUser, message: FakeMessage, data: string): Promise<string[]> {
      const first = api.userPresses(user, message, data);
      const second = api.userPresses(user, message, data);
      await Promise.all([deliver(first.update), deliver(second.update)]);
      return [first.id, second.id];
    },
    /** Waits for every plan being streamed. */
    async settle(graceMs = 20_000): Promise<void> {
      if (!(await jobs.drain(graceMs))) throw new Error("plans still streaming after the grace");
    },
    /** Stops this "process": lets plans finish, then closes its services. */
    async stop(): Promise<void> {
      await jobs.drain(20_000);
      await services.close();
    },
  };
}

/** The data of every callback button a message shows now. */
export function buttonData(message: FakeMessage | undefined): string[] {
  return (message?.reply_markup?.inline_keyboard.flat() ?? []).flatMap((button) =>
    button.callback_data === undefined ? [] : [button.callback_data],
  );
}

/** The bot's newest message in a chat whose buttons belong to `user`. */
export function newestKeyboard(api: FakeBotApi, chat: FakeChat, user: FakeUser) {
  return [...api.botMessages(chat.id)]
    .reverse()
    .find((message) => buttonData(message).some((data) => data.split("|")[1] === String(user.id)));
}

/** The finished plans in a chat: the bot's messages that carry the next-step buttons. */
export function finishedPlans(api: FakeBotApi, chat: FakeChat): FakeMessage[] {
  return api
    .botMessages(chat.id)
    .filter((message) => buttonData(message).some((data) => data.startsWith("n|")));
}
