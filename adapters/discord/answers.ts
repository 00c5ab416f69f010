/**
 * /plan with options: the answers given in the command are fed to the coach one by one, as if
 * typed, so the conversation validates them exactly as it validates typed answers. A member with
 * a saved profile changes only the fields given; the dialogue resumes at the first question no
 * option answers, or at an answer the conversation did not accept.
 */
import type { Coach, Turn, TurnContext } from "../../src/coach.js";
import type { ChoiceSet, Input, Reply } from "../../src/conversation/types.js";
import type { UserKey } from "../../src/ports.js";
import { FIELDS } from "../../src/profile/schema.js";
import type { GivenAnswer } from "./commands.js";
import { fieldOfReply } from "./render.js";

/** More steps than the longest path (every field, each through the edit menu) ever needs. */
const MAX_STEPS = FIELDS.length * 3 + 4;

const FIELD_KEYS = new Set<string>(FIELDS.map((field) => field.key));

function asking(turn: Turn): Reply | undefined {
  return [...turn.replies].reverse().find((reply) => reply.choices);
}

function isSummary(choices: ChoiceSet): boolean {
  return choices.options.length === 0 && choices.actions.some((a) => a.value === "confirm");
}

function isEditMenu(choices: ChoiceSet): boolean {
  return choices.options.length > 0 && choices.options.every((o) => FIELD_KEYS.has(o.value));
}

/**
 * Starts /plan and applies `given`. Ends with the turn to show: a plan when every needed answer
 * was given and accepted, else the question the member should answer next.
 */
export async function planWithAnswers(
  coach: Coach,
  user: UserKey,
  given: readonly GivenAnswer[],
  context: TurnContext,
): Promise<Turn> {
  const pending = new Map(given.map((answer) => [answer.key as string, answer.text]));
  let turn = await coach.handle(user, { kind: "command", value: "plan" }, context);

  for (let step = 0; step < MAX_STEPS; step += 1) {
    const reply = asking(turn);
    const choices = reply?.choices;
    if (!reply || !choices || turn.plan) return turn;

    const choose = (value: string): Input => ({ kind: "choice", value, ref: choices.ref });
    let input: Input;
    if (isSummary(choices)) {
      input = choose(pending.size > 0 ? "edit" : "confirm");
    } else if (isEditMenu(choices)) {
      const [next] = pending.keys();
      if (next === undefined) return turn;
      input = choose(next);
    } else {
      const field = fieldOfReply(reply);
      if (!field) return turn;
      const text = pending.get(field.key);
      if (text !== undefined) {
        pending.delete(field.key);
        input = { kind: "text", value: text };
      } else if (field.optional && choices.actions.some((action) => action.value === "skip")) {
        input = choose("skip");
      } else {
        return turn;
      }
    }

    const next = await coach.handle(user, input, context);
    // A typed answer that was not accepted leaves the question open: show it with the reason.
    if (input.kind === "text" && asking(next)?.choices?.ref === choices.ref) return next;
    if (next.notice && next.replies.length === 0) return turn;
    turn = next;
  }
  return turn;
}
