/**
 * Starts the Telegram front end: registers the commands, then takes updates by long polling, or by
 * webhook when a webhook URL is given (the returned route is mounted on the HTTP server).
 */

import type { Notifier } from "../../src/schedule/notifier.js";
import { createRedisClient } from "../../src/store/redis-client.js";
import { createTelegramBot, type LimiterRedis, type TelegramDeps } from "./bot.js";
import { createJobs } from "./jobs.js";
import { createTelegramNotifier } from "./notifier.js";
import { createWebhookRoute, deriveWebhookSecret, type WebhookRoute } from "./webhook.js";
import { TELEGRAM_WORDS } from "./words.js";

export interface StartTelegramDeps extends Omit<TelegramDeps, "jobs" | "limiterRedis"> {
  /** Redis for the incoming-message limiter, shared by all instances; in memory when absent. */
  readonly redisUrl?: string;
  /** The public URL Telegram posts updates to; long polling when absent. */
  readonly webhookUrl?: string;
  /** The secret-token header Telegram must send; derived from the bot token when absent. */
  readonly webhookSecret?: string;
}

export interface RunningTelegram {
  readonly name: "telegram";
  /** In webhook mode: the route to mount on the HTTP server. */
  readonly webhook?: WebhookRoute;
  /** Sends weekly re-plan prompts to users of this bot. */
  readonly notifier: Notifier;
  /** Stops taking updates and lets plans being written finish within `graceMs`. */
  stop(graceMs: number): Promise<void>;
}

const ALLOWED_UPDATES = ["message", "callback_query"] as const;

export async function startTelegram(deps: StartTelegramDeps): Promise<RunningTelegram> {
  const logger = deps.logger.child({ frontEnd: "telegram" });
  const jobs = createJobs(logger);
  const redis = deps.redisUrl ? createRedisClient(deps.redisUrl, { logger }) : undefined;
  const bot = createTelegramBot({
    ...deps,
    logger,
    jobs,
    // Chats are served side by side, each in order, by long polling and webhook alike.
    concurrent: true,
    ...(redis ? { limiterRedis: failOpen(redis) } : {}),
  });

  await bot.init();
  await bot.api.setMyCommands(TELEGRAM_WORDS.commands);

  const drain = async (graceMs: number) => {
    if (!(await jobs.drain(graceMs))) {
      logger.warn({ running: jobs.size }, "plans still being written at shutdown");
    }
    redis?.disconnect();
  };

  if (deps.webhookUrl) {
    const secret = deps.webhookSecret ?? deriveWebhookSecret(deps.token);
    await bot.api.setWebhook(deps.webhookUrl, {
      secret_token: secret,
      allowed_updates: [...ALLOWED_UPDATES],
    });
    const path = new URL(deps.webhookUrl).pathname;
    logger.info({ path, bot: bot.botInfo.username }, "telegram webhook set");
    return {
      name: "telegram",
      webhook: createWebhookRoute({ bot, store: deps.store, jobs, logger, path, secret }),
      notifier: createTelegramNotifier(bot.api),
      stop: drain,
    };
  }

  const polling = bot
    .start({
      allowed_updates: [...ALLOWED_UPDATES],
      onStart: (info) => logger.info({ bot: info.username }, "telegram long polling started"),
    })
    .catch((error: unknown) => logger.error({ err: error }, "telegram polling stopped"));

  return {
    name: "telegram",
    notifier: createTelegramNotifier(bot.api),
    async stop(graceMs) {
      await bot.stop();
      await polling;
      await drain(graceMs);
    },
  };
}

/** While Redis is down, messages pass unlimited rather than failing: the flood guard is a nicety. */
function failOpen(redis: LimiterRedis): LimiterRedis {
  return {
    incr: (key) => redis.incr(key).catch(() => 1),
    pexpire: (key, ms) => redis.pexpire(key, ms).catch(() => 0),
  };
}
