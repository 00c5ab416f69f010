/**
 * A user who answers whatever the bot asks, by typing: it reads the question number of the bot's
 * newest message and answers that question. It copes with a dialogue that starts over (after a
 * Redis outage, say) or re-asks, and stops at the profile summary.
 */
import type { FakeChat, FakeMessage, FakeUser } from "../fakes/telegram-bot-api.js";
import type { Rig } from "./rig.js";

/** An answer for each question number, 1 to 10. */
export type Answers = Readonly<Record<number, string>>;

/** Chooses the answer to a question; `visit` counts how often it was asked before (from 0). */
export type AnswerFor = (question: number, visit: number) => string | undefined;

export const TYPICAL: Answers = {
  1: "30",
  2: "build muscle",
  3: "beginner",
  4: "dumbbells, bench",
  5: "3",
  6: "45",
  7: "none",
  8: "skip",
  9: "kg",
  10: "skip",
};

const QUESTION = /\((\d+)\/10\)/;
const SUMMARY = "Here is your profile:";

/** The bot's newest message in the chat. */
export function newest(rig: Rig, chat: FakeChat): FakeMessage | undefined {
  return rig.api.botMessages(chat.id).at(-1);
}

/**
 * Starts with /plan and answers until the summary shows; `stopAfter` ends early, once that many
 * answers are given. Resolves with the bot's newest message.
 */
export async function answerUntilSummary(
  rig: Rig,
  user: FakeUser,
  chat: FakeChat,
  answers: Answers | AnswerFor = TYPICAL,
  stopAfter = Number.POSITIVE_INFINITY,
): Promise<FakeMessage> {
  const choose: AnswerFor = typeof answers === "function" ? answers : (n) => answers[n];
  const visits = new Map<number, number>();
  if (!newest(rig, chat)?.text.match(QUESTION)) await rig.say(user, chat, "/plan");
  for (let given = 0; given < 40; given += 1) {
    const last = newest(rig, chat);
    if (!last) throw new Error("the bot said nothing");
    if (last.text.includes(SUMMARY) || given >= stopAfter) return last;
    const number = Number(QUESTION.exec(last.text)?.[1]);
    const visit = visits.get(number) ?? 0;
    visits.set(number, visit + 1);
    await rig.say(user, chat, choose(number, visit) ?? "/plan");
  }
  throw new Error(`no summary after 40 answers; the bot said: ${newest(rig, chat)?.text}`);
}

/** Resolves once `check` holds, polling; for conditions no event announces. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
