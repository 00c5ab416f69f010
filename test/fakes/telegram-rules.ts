/**
 * The checks Telegram applies to what a bot sends: text length after entity parsing, HTML
 * entities, button data size, and the error answers it gives when they fail.
 */
import { parseTelegramHtml } from "./telegram-html.js";
import type { FakeMessage } from "./telegram-state.js";

/** An error answer of the Bot API: its code, description and, for floods, retry_after. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(description);
  }
}

const MAX_TEXT = 4_096;
const MAX_CALLBACK_DATA_BYTES = 64;
export const NOT_MODIFIED =
  "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

/** Checks a text as Telegram does; answers with it unchanged when it may be sent. */
export function checkText(text: unknown, parseMode: unknown): string {
  if (typeof text !== "string" || text.trim() === "") {
    throw new ApiError(400, "Bad Request: message text is empty");
  }
  let visible = text;
  if (parseMode === "HTML") {
    const parsed = parseTelegramHtml(text);
    if (!parsed.ok) throw new ApiError(400, parsed.error);
    visible = parsed.visible;
  }
  if (visible.length > MAX_TEXT) throw new ApiError(400, "Bad Request: message is too long");
  return text;
}

/** Checks an inline keyboard: every callback button carries 1 to 64 bytes of data. */
export function checkMarkup(markup: unknown): FakeMessage["reply_markup"] | undefined {
  if (markup === undefined) return undefined;
  const keyboard = (markup as FakeMessage["reply_markup"])?.inline_keyboard ?? [];
  for (const button of keyboard.flat()) {
    if (button.url !== undefined && button.callback_data === undefined) continue;
    const bytes = Buffer.byteLength(button.callback_data ?? "", "utf8");
    if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) {
      throw new ApiError(400, "Bad Request: BUTTON_DATA_INVALID");
    }
  }
  return markup as FakeMessage["reply_markup"];
}
