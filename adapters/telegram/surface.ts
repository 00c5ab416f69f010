/**
 * One Telegram chat as a {@link MessageSurface} for the live-message streamer: sendMessage and
 * editMessageText, Telegram's limits, and Telegram's errors read into the streamer's outcomes.
 *
 * It must be given an Api without the auto-retry transformer: the streamer decides itself what to
 * repeat, and a blind repeat of a send after a network error could post the plan twice.
 */
import { type Api, GrammyError, HttpError, type InlineKeyboard } from "grammy";
import type { MessageSurface, SurfaceFailure } from "../../src/live-message/index.js";
import { formatPlanHtml } from "./format.js";

export const TELEGRAM_LIMITS = {
  maxChars: 4_096,
  minEditIntervalMs: 1_000, // 1 s: Telegram's pace for editing one chat
} as const;

export interface ChatSurfaceOptions {
  readonly api: Api;
  readonly chatId: number;
  /** Buttons under the last message of the finished text; asked for when it is delivered. */
  readonly closingKeyboard?: () => InlineKeyboard | undefined;
  /** A line to set in bold wherever it appears, such as the plan's title. */
  readonly title?: () => string | undefined;
  /** The user's message the first message answers, in a group. */
  readonly replyTo?: number;
  readonly limits?: Partial<MessageSurface<number>["limits"]>;
}

// Failures of a connection that never reached the server, so nothing was sent.
const NOT_CONNECTED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);

export function createChatSurface(options: ChatSurfaceOptions): MessageSurface<number> {
  const { api, chatId } = options;
  let first = true;

  return {
    limits: { ...TELEGRAM_LIMITS, ...options.limits },

    async send(text, delivery) {
      const replyTo = first && options.replyTo !== undefined ? options.replyTo : undefined;
      const keyboard = delivery.closing ? options.closingKeyboard?.() : undefined;
      const message = await api.sendMessage(chatId, text, {
        ...(delivery.formatted ? { parse_mode: "HTML" } : {}),
        ...(keyboard ? { reply_markup: keyboard } : {}),
        ...(replyTo !== undefined
          ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } }
          : {}),
      });
      first = false;
      return message.message_id;
    },

    async edit(id, text, delivery) {
      const keyboard = delivery.closing ? options.closingKeyboard?.() : undefined;
      await api.editMessageText(chatId, id, text, {
        ...(delivery.formatted ? { parse_mode: "HTML" } : {}),
        ...(keyboard ? { reply_markup: keyboard } : {}),
      });
    },

    format: (plain) => formatPlanHtml(plain, options.title?.()),

    classify: classifyTelegramError,
  };
}

/** Reads a grammY error into the streamer's outcomes. */
export function classifyTelegramError(error: unknown): SurfaceFailure {
  if (error instanceof GrammyError) {
    const description = error.description.toLowerCase();
    if (error.error_code === 429) {
      return { kind: "flood", retryAfterMs: (error.parameters.retry_after ?? 1) * 1_000 };
    }
    if (description.includes("message is not modified")) return { kind: "not_modified" };
    if (description.includes("message to edit not found")) return { kind: "not_found" };
    if (description.includes("can't parse entities")) return { kind: "bad_format" };
    // A 5xx may come from a proxy after Telegram acted, or from Telegram before it did.
    if (error.error_code >= 500) return { kind: "unknown" };
    return { kind: "rejected", reason: error.description };
  }
  if (error instanceof HttpError) {
    const code = networkCode(error.error);
    return code && NOT_CONNECTED.has(code) ? { kind: "not_delivered" } : { kind: "unknown" };
  }
  return { kind: "unknown" };
}

function networkCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
