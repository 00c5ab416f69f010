/**
 * Webhook mode: Telegram posts each update to our HTTP server. The route checks the secret-token
 * header, answers at once (Telegram re-sends an update that takes over 10 s), drops an update it
 * has already seen, and hands the rest to the bot in the background.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type Bot, BotError } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../../src/ports.js";
import type { Store } from "../../src/store/types.js";
import type { BotContext } from "./bot.js";
import type { Jobs } from "./jobs.js";

export const WEBHOOK_DEFAULTS = {
  maxBodyBytes: 1_048_576, // 1 MiB: updates are a few KiB
  seenTtlMs: 86_400_000, // 1 day: Telegram gives up re-sending long before
} as const;

const SECRET_HEADER = "x-telegram-bot-api-secret-token";

/** A POST route, shaped for the HTTP front end's router. */
export interface WebhookRoute {
  readonly method: "POST";
  readonly path: string;
  handler(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export interface WebhookDeps {
  readonly bot: Bot<BotContext>;
  readonly store: Store;
  readonly jobs: Jobs;
  readonly logger: Logger;
  readonly path: string;
  readonly secret: string;
}

/** A secret token derived from the bot token, for when none is configured: same on every instance. */
export function deriveWebhookSecret(botToken: string): string {
  return createHash("sha256").update(`fitplan-webhook:${botToken}`).digest("hex");
}

export function createWebhookRoute(deps: WebhookDeps): WebhookRoute {
  const expected = Buffer.from(deps.secret);

  return {
    method: "POST",
    path: deps.path,
    async handler(req, res) {
      const given = Buffer.from(String(req.headers[SECRET_HEADER] ?? ""));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        req.resume();
        return end(res, 401);
      }

      const update = await readUpdate(req);
      end(res, update ? 200 : 400);
      if (!update) return;

      const log = deps.logger.child({ updateId: update.update_id });
      const fresh = await deps.store.claim(
        `telegram:update:${update.update_id}`,
        WEBHOOK_DEFAULTS.seenTtlMs,
      );
      if (!fresh) {
        log.info({}, "duplicate update dropped");
        return;
      }
      // handleUpdate rethrows a middleware error; only long polling passes it to bot.catch, so
      // it is passed on here, and the user gets the same apology in both modes.
      deps.jobs.run("update", () =>
        deps.bot.handleUpdate(update).catch(async (error: unknown) => {
          if (!(error instanceof BotError)) throw error;
          await deps.bot.errorHandler(error);
        }),
      );
    },
  };
}

async function readUpdate(req: IncomingMessage): Promise<Update | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > WEBHOOK_DEFAULTS.maxBodyBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const update = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Update;
    return Number.isSafeInteger(update.update_id) ? update : undefined;
  } catch {
    return undefined;
  }
}

function end(res: ServerResponse, status: number): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(status === 200 ? '{"ok":true}' : '{"ok":false}');
}
