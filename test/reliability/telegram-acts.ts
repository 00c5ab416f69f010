/**
 * What the users of the Telegram fuzz test do, as fast-check arbitraries, and the cast that does
 * it: two users, their private chats and a group they share.
 */
import fc from "fast-check";
import type { Profile } from "../../src/profile/schema.js";
import type { FakeChat, FakeMessage, FakeUser } from "../fakes/telegram-bot-api.js";
import { profileArb } from "../planner/arbitraries.js";
import { type Forged, forgedData, userText } from "./arbitraries.js";

/** Where a user acts: their private chat with the bot, or the group. */
export type Where = "private" | "group";

/** One thing a user does; `who` is 0 or 1, `index` picks a button, wrapping around. */
export type Act =
  | { readonly t: "say"; readonly who: number; readonly where: Where; readonly text: string }
  | { readonly t: "reply"; readonly who: number; readonly text: string }
  | {
      readonly t: "press";
      readonly who: number;
      readonly where: Where;
      readonly index: number;
      readonly twice: boolean;
    }
  | { readonly t: "stale"; readonly who: number; readonly index: number }
  | { readonly t: "foreign"; readonly index: number }
  | { readonly t: "forged"; readonly who: number; readonly where: Where; readonly forged: Forged }
  | { readonly t: "profile"; readonly who: number; readonly profile: Profile };

const who = fc.nat({ max: 1 });
const where = fc.constantFrom<Where>("private", "private", "group");
/** Mostly messages and presses; now and then a forged press or a saved profile. */
export const actArb: fc.Arbitrary<Act> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ t: fc.constant("say"), who, where, text: userText }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("reply"), who, text: userText }) },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant("press"),
      who,
      where,
      index: fc.nat({ max: 20 }),
      twice: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("stale"), who, index: fc.nat({ max: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("foreign"), index: fc.nat({ max: 20 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("forged"), who, where, forged: forgedData }) },
  // A saved profile lets random runs reach the summary, plans and the features after them.
  { weight: 1, arbitrary: fc.record({ t: fc.constant("profile"), who, profile: profileArb }) },
);

/** The two users, their chats, and every button each has been shown. */
export interface Cast {
  readonly users: readonly [FakeUser, FakeUser];
  readonly chats: Readonly<Record<Where, readonly [FakeChat, FakeChat]>>;
  /** Every button data each user has been shown, with its message, to press again later. */
  readonly shown: readonly [FakeShown[], FakeShown[]];
}
/** A button a user was shown, with the message it was on. */
export type FakeShown = { readonly message: FakeMessage; readonly data: string };

let runs = 0;
/** A cast with fresh ids for each run, so that no state carries over between runs. */
export function newCast(): Cast {
  runs += 1;
  const a: FakeUser = { id: 700_000 + runs * 2, first_name: "Ana" };
  const b: FakeUser = { id: 700_001 + runs * 2, first_name: "Ben" };
  const group: FakeChat = { id: -700_000 - runs, type: "supergroup", title: "Gym" };
  return {
    users: [a, b],
    chats: {
      private: [
        { id: a.id, type: "private" },
        { id: b.id, type: "private" },
      ],
      group: [group, group],
    },
    shown: [[], []],
  };
}

/** The item at `index`, wrapping around; undefined for an empty list. */
export function pick<T>(list: readonly T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list[index % list.length];
}
