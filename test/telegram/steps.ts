/**
 * A user's steps in a Telegram chat with the bot, for the end-to-end tests: waiting for a question,
 * pressing its buttons, and answering the whole dialogue by buttons or by typing.
 */

import { afterEach } from "vitest";
import type { FakeChat, FakeMessage, FakeUser } from "../fakes/telegram-bot-api.js";
import { type HarnessOptions, startHarness } from "./harness.js";

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** Returns a starter for the bot; whatever it starts is closed after each test. */
export function useHarness(): (options?: HarnessOptions) => Promise<Harness> {
  let current: Harness | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (options) => {
    current = await startHarness(options);
    return current;
  };
}

/** Waits for the bot's newest message that contains `fragment`. */
export function question(
  h: Harness,
  chat: FakeChat,
  fragment: string,
  owner?: FakeUser,
): Promise<FakeMessage> {
  return h.api.waitFor(() =>
    h.api
      .botMessages(chat.id)
      .reverse()
      .find(
        (message) =>
          message.text.includes(fragment) && (!owner || ownerOf(message) === String(owner.id)),
      ),
  );
}

/** The user a message's buttons belong to. */
export function ownerOf(message: FakeMessage): string | undefined {
  return message.reply_markup?.inline_keyboard.flat()[0]?.callback_data?.split("|")[1];
}

export function labels(message: FakeMessage): string[] {
  return message.reply_markup?.inline_keyboard.flat().map((button) => button.text) ?? [];
}

export async function pressIn(h: Harness, user: FakeUser, message: FakeMessage, value: string) {
  const button = message.reply_markup?.inline_keyboard
    .flat()
    .find((candidate) => candidate.callback_data?.split("|").at(-1) === value);
  if (!button?.callback_data) throw new Error(`no button ${value} in: ${message.text}`);
  const { id } = h.api.userPresses(user, message, button.callback_data);
  return h.api.waitFor(() => h.api.answer(id)?.answered && h.api.answer(id));
}

/** Answers every question with buttons, up to the summary. */
export async function answerByButtons(h: Harness, user: FakeUser, chat: FakeChat, start: string) {
  h.say(user, chat, start);
  await question(h, chat, "(1/10)");
  h.say(user, chat, "30");
  await pressIn(h, user, await question(h, chat, "(2/10)"), "muscle");
  await pressIn(h, user, await question(h, chat, "(3/10)"), "beginner");

  const equipment = await question(h, chat, "(4/10)");
  await pressIn(h, user, equipment, "dumbbells");
  await h.api.waitFor(() => labels(equipment).includes("✓ Dumbbells"));
  await pressIn(h, user, equipment, "bench");
  await h.api.waitFor(() => labels(equipment).includes("✓ Bench"));
  await pressIn(h, user, equipment, "done");

  await pressIn(h, user, await question(h, chat, "(5/10)"), "3");
  await pressIn(h, user, await question(h, chat, "(6/10)"), "45");
  const injuries = await question(h, chat, "(7/10)");
  await pressIn(h, user, injuries, "none");
  await h.api.waitFor(() => labels(injuries).includes("✓ None"));
  await pressIn(h, user, injuries, "done");
  await pressIn(h, user, await question(h, chat, "(9/10)"), "kg");
  await pressIn(h, user, await question(h, chat, "(10/10)"), "skip");
  return question(h, chat, "Here is your profile:");
}

const TYPED = [
  ["(1/10)", "30"],
  ["(2/10)", "build muscle"],
  ["(3/10)", "beginner"],
  ["(4/10)", "dumbbells, bench"],
  ["(5/10)", "3"],
  ["(6/10)", "45"],
  ["(7/10)", "none"],
  ["(9/10)", "kg"],
  ["(10/10)", "skip"],
] as const;

/**
 * Answers every question by typing, up to the summary. In a group each answer is a reply to the
 * bot's question, as the bot only reads messages addressed to it there.
 */
export async function answerByTyping(h: Harness, user: FakeUser, chat: FakeChat, start: string) {
  const group = chat.type !== "private";
  h.say(user, chat, start);
  for (const [marker, answer] of TYPED) {
    const asked = await question(h, chat, marker, user);
    h.say(user, chat, answer, group ? asked : undefined);
  }
  return question(h, chat, "Here is your profile:", user);
}
