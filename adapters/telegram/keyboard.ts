/**
 * Inline keyboards and their callback data. Every button names the user it belongs to, so a press
 * by anyone else in a group changes nothing. Telegram allows 64 bytes of callback data; a button
 * whose data would be longer is stored under a short hash in the store's cache instead.
 */
import { createHash } from "node:crypto";
import { InlineKeyboard } from "grammy";
import type { ChoiceSet, Input } from "../../src/conversation/types.js";
import type { Store } from "../../src/store/types.js";

export const KEYBOARD_DEFAULTS = {
  maxDataBytes: 64,
  hashedTtlMs: 604_800_000, // 7 days: how long a long button keeps working
  rowChars: 28, // labels per row, so buttons stay readable on a phone
  rowButtons: 3,
} as const;

export const SELECTED_MARK = "✓ ";

/** The next steps offered under a finished plan, each sending a command. */
export const NEXT_STEPS = [
  { command: "swap", label: "Swap an exercise" },
  { command: "replan", label: "Re-plan" },
  { command: "profile", label: "Edit profile" },
] as const;

/** What a pressed button asks for, and whose button it is. */
export interface Pressed {
  readonly owner: number;
  readonly input: Input;
}

const SEPARATOR = "|";

/** Encodes one button; long references go through the store. */
export async function choiceData(
  store: Store,
  owner: number,
  ref: string,
  value: string,
): Promise<string> {
  const direct = ["c", owner, ref, value].join(SEPARATOR);
  const fits = Buffer.byteLength(direct) <= KEYBOARD_DEFAULTS.maxDataBytes;
  if (fits && !ref.includes(SEPARATOR) && !value.includes(SEPARATOR)) return direct;

  const hash = createHash("sha256").update(`${ref}\n${value}`).digest("base64url").slice(0, 22);
  await store.cacheSet(
    hashKey(hash),
    JSON.stringify({ ref, value }),
    KEYBOARD_DEFAULTS.hashedTtlMs,
  );
  return ["h", owner, hash].join(SEPARATOR);
}

/** Decodes a button's data; undefined for data this bot did not write or has forgotten. */
export async function readPress(store: Store, data: string): Promise<Pressed | undefined> {
  const [kind, ownerText, first = "", ...rest] = data.split(SEPARATOR);
  const owner = Number(ownerText);
  if (!Number.isSafeInteger(owner)) return undefined;

  if (kind === "c" && rest.length === 1) {
    return { owner, input: { kind: "choice", ref: first, value: rest[0] ?? "" } };
  }
  if (kind === "n" && NEXT_STEPS.some((step) => step.command === first)) {
    return { owner, input: { kind: "command", value: first } };
  }
  if (kind === "h") {
    const stored = await store.cacheGet(hashKey(first));
    if (stored === undefined) return undefined;
    const { ref, value } = JSON.parse(stored) as { ref: string; value: string };
    return { owner, input: { kind: "choice", ref, value } };
  }
  return undefined;
}

/** The keyboard for a question: options packed into short rows, then the navigation row. */
export async function choiceKeyboard(
  store: Store,
  owner: number,
  choices: ChoiceSet,
): Promise<InlineKeyboard> {
  const keyboard = new InlineKeyboard();
  let rowChars = 0;
  let rowButtons = 0;
  for (const option of choices.options) {
    const label = option.selected ? `${SELECTED_MARK}${option.label}` : option.label;
    const full =
      rowButtons >= KEYBOARD_DEFAULTS.rowButtons ||
      (rowButtons > 0 && rowChars + label.length > KEYBOARD_DEFAULTS.rowChars);
    if (full) {
      keyboard.row();
      rowChars = 0;
      rowButtons = 0;
    }
    keyboard.text(label, await choiceData(store, owner, choices.ref, option.value));
    rowChars += label.length;
    rowButtons += 1;
  }

  if (choices.actions.length > 0) {
    if (rowButtons > 0) keyboard.row();
    for (const action of choices.actions) {
      keyboard.text(action.label, await choiceData(store, owner, choices.ref, action.value));
    }
  }
  return keyboard;
}

/** The buttons under a finished plan. */
export function nextStepsKeyboard(owner: number): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const step of NEXT_STEPS)
    keyboard.text(step.label, ["n", owner, step.command].join(SEPARATOR));
  return keyboard;
}

/** Adds a button that opens a private chat with the bot, for questions about private details. */
export function withPrivateChat(keyboard: InlineKeyboard | undefined, botUsername: string) {
  const target = keyboard ? keyboard.row() : new InlineKeyboard();
  return target.url(PRIVATE_CHAT_LABEL, `https://t.me/${botUsername}?start=plan`);
}

const PRIVATE_CHAT_LABEL = "Continue in private";

function hashKey(hash: string): string {
  return `telegram:button:${hash}`;
}
