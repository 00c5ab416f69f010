/**
 * What a chat front end supplies so the scheduler can reach people outside a conversation: a
 * private message to a user, or a post in a channel.
 */

/** Whom to reach: a user by their platform id (a private chat or DM), or a channel by its id. */
export type NotifyTarget =
  | { readonly kind: "user"; readonly id: string }
  | { readonly kind: "channel"; readonly id: string };

/**
 * `blocked` means the chat is gone for good (the user blocked the bot, deleted the chat, or the
 * channel no longer exists); the subscription is then removed. `failed` is anything that may pass,
 * such as a network error or a rate limit; the delivery is tried again later.
 */
export type NotifyResult = "sent" | "blocked" | "failed";

export interface Notifier {
  /** The platform part of the user keys it serves: "telegram", "discord". */
  readonly platform: string;
  send(target: NotifyTarget, text: string): Promise<NotifyResult>;
}
