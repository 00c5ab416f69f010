/**
 * The contract between the live-message streamer and a chat platform. An adapter supplies a
 * {@link MessageSurface}: how to send and edit one message, its limits, and how to read its errors.
 */

/** How a piece of text goes out. */
export interface Delivery {
  /** Streaming text is plain; the finished text is formatted when the surface has a formatter. */
  readonly formatted: boolean;
  /** True for the last message of the finished text: where a surface puts its buttons. */
  readonly closing: boolean;
}

export interface SurfaceLimits {
  /** The longest text one message may hold, in UTF-16 code units (4096 on Telegram). */
  readonly maxChars: number;
  /** The shortest pause between two requests for one live message (1000 ms on Telegram). */
  readonly minEditIntervalMs: number;
}

/**
 * What a failed send or edit means. The surface reads its platform's errors into these:
 * - `flood`: rate limited; nothing happened; try again after `retryAfterMs`.
 * - `not_modified`: the message already shows this text; a success.
 * - `not_found`: the message to edit is gone (the user deleted it).
 * - `bad_format`: the platform rejected the markup; nothing happened.
 * - `not_delivered`: the request surely did not take effect (refused connection, an error
 *   answer from the platform); safe to repeat.
 * - `unknown`: the request may or may not have taken effect (a timeout or a dropped connection
 *   after it was sent).
 * - `rejected`: the platform refused for good (bot blocked, chat gone); repeating will not help.
 */
export type SurfaceFailure =
  | { readonly kind: "flood"; readonly retryAfterMs: number }
  | { readonly kind: "not_modified" }
  | { readonly kind: "not_found" }
  | { readonly kind: "bad_format" }
  | { readonly kind: "not_delivered" }
  | { readonly kind: "unknown" }
  | { readonly kind: "rejected"; readonly reason: string };

/** One chat message that can be sent and then edited. `Id` is the platform's message id. */
export interface MessageSurface<Id> {
  readonly limits: SurfaceLimits;
  /** Sends a new message and resolves with its id. Throws on failure. */
  send(text: string, delivery: Delivery): Promise<Id>;
  /** Replaces a message's text. Throws on failure. */
  edit(id: Id, text: string, delivery: Delivery): Promise<void>;
  /**
   * Turns finished plain text into the platform's markup, escaping everything in it. The visible
   * text must stay the same length, since limits count visible characters. Without it, finished
   * text stays plain.
   */
  format?(plain: string): string;
  /** Reads an error thrown by `send` or `edit`. */
  classify(error: unknown): SurfaceFailure;
}

/** How a finished text ended up. */
export type LiveResult<Id> =
  | { readonly status: "delivered"; readonly messages: readonly Id[] }
  /**
   * A send carrying finished text had an unknown outcome and was not repeated, so the text may be
   * missing. The caller can tell the user how to ask again.
   */
  | { readonly status: "uncertain"; readonly messages: readonly Id[] }
  | { readonly status: "failed"; readonly messages: readonly Id[]; readonly reason: string };

/** A message that grows while text streams in and ends with its finished text. */
export interface LiveMessage<Id> {
  /**
   * Shows the newest text, when the limits allow. `status` is a short line (stage progress) shown
   * above the text in the message being written, and dropped from the finished text.
   */
  update(text: string, status?: string): void;
  /** Delivers the finished text exactly once; later updates are ignored. Call it once. */
  finish(text: string): Promise<LiveResult<Id>>;
}

export interface LiveMessageOptions {
  /** Visible characters needed before the first send, so the first notification says something. */
  readonly minFirstChars: number;
  /** The longest flood pause honoured; a longer `retry_after` is cut to this. */
  readonly maxFloodWaitMs: number;
  /** Attempts for one piece of the finished text before giving up. */
  readonly finalAttempts: number;
  /** The first pause before repeating a failed request; it doubles with each attempt. */
  readonly retryBaseMs: number;
}
