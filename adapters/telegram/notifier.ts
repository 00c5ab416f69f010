/**
 * Reaches Telegram users outside a conversation, for weekly re-plan prompts. A user who blocked
 * the bot or deleted their account is reported as blocked, so the subscription ends.
 */
import { type Api, GrammyError } from "grammy";
import type { Notifier } from "../../src/schedule/notifier.js";

/** Telegram answers 403 when the bot was blocked or the user is gone, 400 for a missing chat. */
function isGone(error: GrammyError): boolean {
  const description = error.description.toLowerCase();
  return error.error_code === 403 || description.includes("chat not found");
}

export function createTelegramNotifier(api: Api): Notifier {
  return {
    platform: "telegram",
    async send(target, text) {
      try {
        await api.sendMessage(target.id, text);
        return "sent";
      } catch (error) {
        return error instanceof GrammyError && isGone(error) ? "blocked" : "failed";
      }
    },
  };
}
