/**
 * /plan with options: the answers given in the command go to the coach in one command, which
 * validates them as it validates typed answers and asks only what is still missing. A member with
 * a saved profile changes only the fields given. When nothing is missing, the plan starts at once.
 */
import type { Coach, Turn, TurnContext } from "../../src/coach.js";
import type { UserKey } from "../../src/ports.js";
import type { GivenAnswer } from "./commands.js";

/**
 * Starts /plan with `given`. Ends with the turn to show: a plan when every needed answer was given
 * and accepted, else the question the member should answer next, with the reason.
 */
export async function planWithAnswers(
  coach: Coach,
  user: UserKey,
  given: readonly GivenAnswer[],
  context: TurnContext,
): Promise<Turn> {
  const fields = Object.fromEntries(given.map((answer) => [answer.key, answer.text]));
  const turn = await coach.handle(user, { kind: "command", value: "plan", fields }, context);
  // A lone summary means every answer was accepted and none is missing: confirm it for them.
  const summary = turn.replies.length === 1 ? turn.replies[0]?.choices : undefined;
  if (!summary?.actions.some((action) => action.value === "confirm")) return turn;
  return coach.handle(user, { kind: "choice", value: "confirm", ref: summary.ref }, context);
}
