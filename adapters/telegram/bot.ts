/**
 * The Telegram bot: turns messages and button presses into coach inputs and the coach's turns into
 * messages, keyboards and streamed plans. It is the only place that knows grammY.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { limit } from "@grammyjs/ratelimiter";
import { Api, Bot, BotError, type Context, InputFile } from "grammy";
import type { Coach, Turn } from "../../src/coach.js";
import type { Input } from "../../src/conversation/types.js";
import type { LiveMessageOptions, SurfaceLimits } from "../../src/live-message/index.js";
import { MESSAGES } from "../../src/messages.js";
import { type Clock, type Logger, userKey } from "../../src/ports.js";
import type { Store } from "../../src/store/types.js";
import { createJobs, type Jobs } from "./jobs.js";
import { choiceKeyboard, readPress, withPrivateChat } from "./keyboard.js";
import { streamPlan } from "./plan-stream.js";
import { createSequencer } from "./sequence.js";
import { TELEGRAM_WORDS } from "./words.js";

export interface TelegramOptions {
  /** Messages and button presses one user may send per window; more are dropped. */
  readonly incomingLimit: number;
  readonly incomingWindowMs: number;
  /** The longest flood wait auto-retry sits out for ordinary replies. */
  readonly retryMaxDelaySeconds: number;
  readonly retryAttempts: number;
}

export const TELEGRAM_DEFAULTS = {
  incomingLimit: 12, // messages and presses per user (ticking boxes is quick) ...
  incomingWindowMs: 5_000, // ... in 5 s
  retryMaxDelaySeconds: 30, // auto-retry waits out a flood up to 30 s
  retryAttempts: 3,
} as const satisfies TelegramOptions;

/** The two Redis commands the incoming-message limiter uses; an ioredis client fits. */
export interface LimiterRedis {
  incr(key: string): Promise<number>;
  pexpire(key: string, milliseconds: number): Promise<number>;
}

/** What a handler sees: grammY's context plus a logger for this update. */
export type BotContext = Context & { log: Logger };

export interface TelegramDeps {
  readonly token: string;
  readonly coach: Coach;
  readonly store: Store;
  readonly logger: Logger;
  readonly clock: Clock;
  /** A self-hosted or local Bot API server, instead of api.telegram.org. */
  readonly apiRoot?: string;
  /** An ioredis client, so the incoming-message limit is shared by all instances. */
  readonly limiterRedis?: LimiterRedis;
  /** Goes before the limiter's Redis keys, such as the configured REDIS_PREFIX. */
  readonly limiterKeyPrefix?: string;
  /** Background plan streams; shutdown waits for them. */
  readonly jobs?: Jobs;
  /**
   * Hands each update to `jobs` and returns at once, each chat's updates in order: long polling
   * then moves on instead of waiting for one update's store and API round trips. Without it,
   * handleUpdate resolves when the update has been handled.
   */
  readonly concurrent?: boolean;
  readonly liveLimits?: Partial<SurfaceLimits>;
  readonly liveOptions?: Partial<LiveMessageOptions>;
  readonly options?: Partial<TelegramOptions>;
}

export function createTelegramBot(deps: TelegramDeps): Bot<BotContext> {
  const options = { ...TELEGRAM_DEFAULTS, ...deps.options };
  const client = deps.apiRoot ? { apiRoot: deps.apiRoot } : {};
  const bot = new Bot<BotContext>(deps.token, { client });
  // The live message decides for itself what to repeat, so it gets an Api without auto-retry.
  const rawApi = new Api(deps.token, client);
  const jobs = deps.jobs ?? createJobs(deps.logger);

  bot.api.config.use(
    autoRetry({
      maxDelaySeconds: options.retryMaxDelaySeconds,
      maxRetryAttempts: options.retryAttempts,
      // A repeated send after a network error could post a message twice.
      rethrowHttpErrors: true,
    }),
  );

  // Failures of detached updates reach bot.catch as they would have; shutdown waits through `jobs`.
  const chats = createSequencer();
  bot.use((ctx, next) => {
    if (!deps.concurrent) return next();
    const chat = String(ctx.chat?.id ?? ctx.from?.id ?? "");
    jobs.run("update", () =>
      chats.run(chat, async () => {
        try {
          await next();
        } catch (error) {
          await bot.errorHandler(new BotError(error, ctx));
        }
      }),
    );
    return Promise.resolve();
  });

  // The update's logger is made on first use: most updates never log.
  bot.use(async (ctx, next) => {
    let log: Logger | undefined;
    Object.defineProperty(ctx, "log", {
      get: () =>
        (log ??= deps.logger.child({ updateId: ctx.update.update_id, chatId: ctx.chat?.id })),
      configurable: true,
    });
    await next();
  });

  bot.use(
    limit<BotContext, LimiterRedis>({
      timeFrame: options.incomingWindowMs,
      limit: options.incomingLimit,
      keyPrefix: `${deps.limiterKeyPrefix ?? ""}telegram:flood:`,
      keyGenerator: (ctx) => ctx.from?.id.toString(),
      ...(deps.limiterRedis ? { storageClient: deps.limiterRedis } : {}),
      onLimitExceeded: (ctx) => {
        ctx.log.info({}, "incoming messages over the limit");
        if (ctx.callbackQuery) void ctx.answerCallbackQuery(TELEGRAM_WORDS.tooFast).catch(() => {});
        else void ctx.reply(TELEGRAM_WORDS.tooFast).catch(() => {});
      },
    }),
  );

  async function show(ctx: BotContext, turn: Turn, owner: number, replyTo?: number) {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return;
    const group = ctx.chat?.type !== "private";
    const replyParameters =
      group && replyTo !== undefined
        ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } }
        : {};

    for (const reply of turn.replies) {
      const keyboard = reply.choices
        ? await choiceKeyboard(deps.store, owner, reply.choices)
        : undefined;
      // Where private details are asked in a group, a button opens a private chat instead.
      const privacy = group && reply.text.includes(MESSAGES.groupPrivacyHint);
      const markup = privacy ? withPrivateChat(keyboard, ctx.me.username) : keyboard;
      await ctx.api.sendMessage(chatId, reply.text, {
        ...(markup ? { reply_markup: markup } : {}),
        ...replyParameters,
      });
    }
    if (turn.notice && !ctx.callbackQuery) await ctx.api.sendMessage(chatId, turn.notice);
    if (turn.file) {
      const file = new InputFile(Buffer.from(turn.file.content), turn.file.name);
      await ctx.api.sendDocument(chatId, file, replyParameters);
    }

    const job = turn.plan;
    if (!job) return;
    const log = ctx.log;
    jobs.run("plan", async () => {
      await streamPlan({
        rawApi,
        api: bot.api,
        chatId,
        owner,
        job,
        clock: deps.clock,
        logger: log,
        ...(replyTo !== undefined && group ? { replyTo } : {}),
        ...(deps.liveLimits ? { limits: deps.liveLimits } : {}),
        ...(deps.liveOptions ? { live: deps.liveOptions } : {}),
      });
    });
  }

  bot.on("message:text", async (ctx) => {
    const message = ctx.message;
    const group = ctx.chat.type !== "private";
    const input = messageInput(message.text, message.entities, ctx.me.username);
    const addressed = input?.kind === "command" || message.reply_to_message?.from?.id === ctx.me.id;
    if (!input || (group && !addressed)) return;

    const user = userKey("telegram", ctx.from.id);
    const turn = await deps.coach.handle(user, input, { group });
    await show(ctx, turn, ctx.from.id, message.message_id);
  });

  bot.on("callback_query:data", async (ctx) => {
    const pressed = await readPress(deps.store, ctx.callbackQuery.data);
    if (!pressed) return void (await ctx.answerCallbackQuery(MESSAGES.staleButton));
    if (pressed.owner !== ctx.from.id) {
      return void (await ctx.answerCallbackQuery(TELEGRAM_WORDS.foreignButton));
    }

    const group = ctx.chat !== undefined && ctx.chat.type !== "private";
    const turn = await deps.coach.handle(userKey("telegram", ctx.from.id), pressed.input, {
      group,
    });
    await ctx.answerCallbackQuery(turn.notice ? { text: turn.notice } : {});
    const message = ctx.callbackQuery.message;
    if (!message) return;

    // A multi-select toggle answers with the same question: tick the box in place.
    const [only] = turn.replies;
    const ref = pressed.input.kind === "choice" ? pressed.input.ref : undefined;
    if (turn.replies.length === 1 && only?.choices && only.choices.ref === ref && !turn.plan) {
      const keyboard = await choiceKeyboard(deps.store, ctx.from.id, only.choices);
      await ctx.editMessageText(only.text, { reply_markup: keyboard }).catch((error: unknown) => {
        ctx.log.debug({ err: error }, "toggle edit failed");
      });
      return;
    }
    if (turn.replies.length === 0 && !turn.plan && !turn.file) return;
    // The answered question's buttons go, so the chat shows one live keyboard.
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await show(ctx, turn, ctx.from.id, message.message_id);
  });

  bot.catch(async ({ ctx, error }) => {
    const log = ctx.log ?? deps.logger.child({ updateId: ctx.update.update_id });
    log.error({ err: error }, "update failed");
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery(TELEGRAM_WORDS.apology);
      else if (ctx.chat) await ctx.reply(TELEGRAM_WORDS.apology);
    } catch {
      // The apology is best effort; the log already has the details.
    }
  });

  return bot;
}

/** A command (for this bot only, in groups) or typed text. */
export function messageInput(
  text: string,
  entities: readonly { type: string; offset: number; length: number }[] | undefined,
  botUsername: string,
): Input | undefined {
  const command = entities?.find((entity) => entity.type === "bot_command" && entity.offset === 0);
  if (!command) return { kind: "text", value: text };

  const [name = "", target] = text.slice(1, command.length).split("@");
  if (target && target.toLowerCase() !== botUsername.toLowerCase()) return undefined;
  return { kind: "command", value: name.toLowerCase(), args: text.slice(command.length).trim() };
}
