/**
 * The chats behind the fake Bot API: messages with their edit history, and the methods a bot
 * calls, each checked the way Telegram checks it.
 */
import type { EventEmitter } from "node:events";
import type { UploadedFile } from "./telegram-body.js";
import { ApiError, checkMarkup, checkText, NOT_MODIFIED } from "./telegram-rules.js";
import { createUpdateQueue } from "./telegram-updates.js";

export { ApiError } from "./telegram-rules.js";

export interface FakeTelegramOptions {
  readonly token?: string;
  readonly botUsername?: string;
  /** The shortest gap between two edits in one chat; a faster edit gets a 429. 0 turns it off. */
  readonly editIntervalMs?: number;
  readonly clock?: () => number;
}

export interface FakeUser {
  readonly id: number;
  readonly first_name: string;
  readonly username?: string;
}

export interface FakeChat {
  readonly id: number;
  readonly type: "private" | "group" | "supergroup";
  readonly title?: string;
}

export interface FakeMessage {
  readonly message_id: number;
  readonly chat: FakeChat;
  readonly from: FakeUser & { readonly is_bot: boolean };
  readonly date: number;
  text: string;
  parse_mode?: string;
  reply_markup?: { inline_keyboard: { text: string; callback_data?: string; url?: string }[][] };
  /** Earlier texts, oldest first; the current one is `text`. */
  readonly history: string[];
  deleted: boolean;
  document?: { readonly file_name: string; readonly content: string };
}

export function createFakeTelegramState(
  options: FakeTelegramOptions & { token: string },
  events: EventEmitter,
) {
  const clock = options.clock ?? Date.now;
  const bot = {
    id: Number(options.token.split(":")[0]),
    is_bot: true,
    first_name: "Fake Coach",
    username: options.botUsername ?? "fake_coach_bot",
  };
  const chats = new Map<number, { chat: FakeChat; messages: FakeMessage[]; lastEditAt: number }>();
  const calls: { method: string; params: Record<string, unknown> }[] = [];
  const answers = new Map<string, { answered: boolean; text?: string; show_alert?: boolean }>();
  const actions: { chatId: number; action: string }[] = [];
  let commands: unknown[] = [];
  let nextCallbackId = 1;
  const updates = createUpdateQueue((code, text) => new ApiError(code, text));

  function chatOf(chat: FakeChat) {
    let entry = chats.get(chat.id);
    if (!entry) {
      entry = { chat, messages: [], lastEditAt: Number.NEGATIVE_INFINITY };
      chats.set(chat.id, entry);
    }
    return entry;
  }

  function knownChat(chatId: unknown) {
    const entry = chats.get(Number(chatId));
    if (!entry) throw new ApiError(400, "Bad Request: chat not found");
    return entry;
  }

  function addMessage(chat: FakeChat, from: FakeMessage["from"], text: string): FakeMessage {
    const entry = chatOf(chat);
    const message: FakeMessage = {
      message_id: entry.messages.length + 1,
      chat,
      from,
      date: Math.floor(clock() / 1_000),
      text,
      history: [],
      deleted: false,
    };
    entry.messages.push(message);
    return message;
  }

  function editable(params: Record<string, unknown>): FakeMessage {
    const entry = knownChat(params.chat_id);
    const message = entry.messages.find((m) => m.message_id === Number(params.message_id));
    if (!message || message.deleted)
      throw new ApiError(400, "Bad Request: message to edit not found");
    if (message.from.id !== bot.id) throw new ApiError(400, "Bad Request: message can't be edited");
    const interval = options.editIntervalMs ?? 0;
    const since = clock() - entry.lastEditAt;
    if (since < interval) {
      const retryAfter = Math.max(1, Math.ceil((interval - since) / 1_000));
      throw new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, retryAfter);
    }
    return message;
  }

  function applyEdit(message: FakeMessage, text: string, params: Record<string, unknown>) {
    const markup = checkMarkup(params.reply_markup);
    const same =
      text === message.text &&
      params.parse_mode === message.parse_mode &&
      JSON.stringify(markup) === JSON.stringify(message.reply_markup);
    if (same) throw new ApiError(400, NOT_MODIFIED);
    if (text !== message.text) message.history.push(message.text);
    message.text = text;
    setOptional(message, "parse_mode", params.parse_mode as string | undefined);
    setOptional(message, "reply_markup", markup);
    knownChat(params.chat_id).lastEditAt = clock();
    return message;
  }

  const methods: Record<string, (p: Record<string, unknown>, f: UploadedFile[]) => unknown> = {
    getMe: () => ({ ...bot, can_join_groups: true, can_read_all_group_messages: false }),
    getUpdates: (params) => updates.getUpdates(params),
    setWebhook: (params) => {
      const secretToken = params.secret_token as string | undefined;
      const url = String(params.url ?? "");
      updates.setWebhook(url ? { url, ...(secretToken ? { secretToken } : {}) } : undefined, false);
      return true;
    },
    deleteWebhook: (params) => {
      updates.setWebhook(undefined, params.drop_pending_updates === true);
      return true;
    },
    getWebhookInfo: () => ({ url: updates.webhook()?.url ?? "", pending_update_count: 0 }),
    sendMessage: (params) => {
      const entry = knownChat(params.chat_id);
      const text = checkText(params.text, params.parse_mode);
      const markup = checkMarkup(params.reply_markup);
      const message = addMessage(entry.chat, bot, text);
      setOptional(message, "parse_mode", params.parse_mode as string | undefined);
      setOptional(message, "reply_markup", markup);
      return snapshot(message);
    },
    editMessageText: (params) => {
      const message = editable(params);
      return snapshot(applyEdit(message, checkText(params.text, params.parse_mode), params));
    },
    editMessageReplyMarkup: (params) => {
      const message = editable(params);
      return snapshot(
        applyEdit(message, message.text, { ...params, parse_mode: message.parse_mode }),
      );
    },
    deleteMessage: (params) => {
      const entry = knownChat(params.chat_id);
      const message = entry.messages.find((m) => m.message_id === Number(params.message_id));
      if (!message || message.deleted)
        throw new ApiError(400, "Bad Request: message to delete not found");
      message.deleted = true;
      return true;
    },
    answerCallbackQuery: (params) => {
      const answer = answers.get(String(params.callback_query_id));
      if (!answer || answer.answered) {
        throw new ApiError(
          400,
          "Bad Request: query is too old and response timeout expired or query ID is invalid",
        );
      }
      Object.assign(answer, { answered: true, text: params.text, show_alert: params.show_alert });
      return true;
    },
    sendChatAction: (params) => {
      actions.push({ chatId: knownChat(params.chat_id).chat.id, action: String(params.action) });
      return true;
    },
    setMyCommands: (params) => {
      commands = params.commands as unknown[];
      return true;
    },
    getMyCommands: () => commands,
    sendDocument: (params, files) => {
      const entry = knownChat(params.chat_id);
      // grammY names the file part and points at it with an attach:// reference.
      const reference = String(params.document ?? "");
      const field = reference.startsWith("attach://") ? reference.slice(9) : "document";
      const file = files.find((f) => f.field === field);
      if (!file) throw new ApiError(400, "Bad Request: there is no document in the request");
      const message = addMessage(entry.chat, bot, String(params.caption ?? ""));
      message.document = { file_name: file.filename, content: file.content.toString("utf8") };
      return { ...snapshot(message), document: { file_name: file.filename } };
    },
  };

  return {
    record(method: string, params: Record<string, unknown>, _files: UploadedFile[]) {
      calls.push({ method, params });
    },
    async call(method: string, params: Record<string, unknown>, files: UploadedFile[]) {
      const run = methods[method];
      if (!run) throw new ApiError(404, "Not Found: method not found");
      return run(params, files);
    },
    shutdown: () => updates.wakeAll(),

    helpers: {
      bot,
      calls,
      actions,
      commands: () => commands,
      callCount: (method: string) => calls.filter((call) => call.method === method).length,

      /** A user writes in a chat; commands get their bot_command entity as Telegram adds it. */
      userSays(user: FakeUser, chat: FakeChat, text: string, replyTo?: FakeMessage) {
        const message = addMessage(chat, { ...user, is_bot: false }, text);
        const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
        const entities = command
          ? [{ type: "bot_command", offset: 0, length: command[0].length }]
          : undefined;
        const body = {
          ...snapshot(message),
          ...(entities ? { entities } : {}),
          ...(replyTo ? { reply_to_message: snapshot(replyTo) } : {}),
        };
        const update = updates.push({ message: body });
        events.emit("change");
        return { message, update };
      },

      /** A user presses an inline button; returns the callback query id. */
      userPresses(user: FakeUser, message: FakeMessage, data: string) {
        const id = String(nextCallbackId++);
        answers.set(id, { answered: false });
        const update = updates.push({
          callback_query: {
            id,
            from: { ...user, is_bot: false },
            message: snapshot(message),
            chat_instance: String(message.chat.id),
            data,
          },
        });
        events.emit("change");
        return { id, update };
      },

      answer: (callbackId: string) => answers.get(callbackId),

      /** Messages in a chat, oldest first, without deleted ones unless asked. */
      messages(chatId: number, includeDeleted = false): FakeMessage[] {
        const all = chats.get(chatId)?.messages ?? [];
        return includeDeleted ? [...all] : all.filter((m) => !m.deleted);
      },
      botMessages(chatId: number): FakeMessage[] {
        return (chats.get(chatId)?.messages ?? []).filter(
          (m) => !m.deleted && m.from.id === bot.id,
        );
      },
      /** The user deletes a message. */
      deleteMessage(chatId: number, messageId: number): void {
        const message = chats.get(chatId)?.messages.find((m) => m.message_id === messageId);
        if (message) message.deleted = true;
      },

      webhook: updates.webhook,
      webhookDeliveries: updates.deliveries,
      postToWebhook: updates.post,
      settleWebhook: updates.settle,
      pendingUpdates: updates.pendingCount,
    },
  };
}

function snapshot(message: FakeMessage) {
  return {
    message_id: message.message_id,
    chat: message.chat,
    from: message.from,
    date: message.date,
    text: message.text,
    ...(message.reply_markup ? { reply_markup: message.reply_markup } : {}),
  };
}

function setOptional<K extends "parse_mode" | "reply_markup">(
  message: FakeMessage,
  key: K,
  value: FakeMessage[K] | undefined,
): void {
  if (value === undefined) delete message[key];
  else message[key] = value;
}
