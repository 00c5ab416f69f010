/**
 * Fuzzes the conversation engine alone, then the coach with every feature on the in-process store.
 *
 * What every step must do, whatever the input:
 * - it never throws;
 * - it answers: at least one reply, a notice (a button that changed nothing), a plan or a file;
 * - a notice changes nothing: the state stays as it was and no reply is sent;
 * - every reply has text, fits one message on every front end, and its buttons carry the current question's
 *   ref (or "idle"), so the newest keyboard always works;
 * - the question counter never goes back, so old buttons stay stale;
 * - the state it keeps parses with ConversationStateSchema, and a plan request carries a profile
 *   that parses; a plan ends with exactly one done or failed event, and a done plan passes checks.
 */

import { Writable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { composeServices } from "../../adapters/compose.js";
import type { Turn } from "../../src/coach.js";
import { parseConfig } from "../../src/config.js";
import { ConversationStateSchema, initialState } from "../../src/conversation/state.js";
import { step } from "../../src/conversation/step.js";
import type { ChoiceSet, Input, Reply, StepResult } from "../../src/conversation/types.js";
import { REPLY_MAX_CHARS } from "../../src/conversation/types.js";
import { checkPlan } from "../../src/plan/checks.js";
import type { UserKey } from "../../src/ports.js";
import { ProfileSchema } from "../../src/profile/schema.js";
import { profileArb } from "../planner/arbitraries.js";
import { shortReport, userText } from "./arbitraries.js";

/** What a user does, resolved against what the bot showed last. */
type Intent =
  | { readonly t: "text"; readonly value: string }
  | { readonly t: "press"; readonly index: number; readonly twice: boolean }
  | { readonly t: "stale"; readonly index: number }
  | { readonly t: "forged"; readonly ref: string; readonly value: string }
  | { readonly t: "fields"; readonly fields: Record<string, unknown> };

const fieldValue = fc.oneof(
  fc.integer({ min: -5, max: 200 }),
  fc.constantFrom("muscle", "dumbbells, bench", "45 min", "none", "kg", ["knees"], []),
  userText,
  fc.anything({ maxDepth: 1 }),
);

const intentArb: fc.Arbitrary<Intent> = fc.oneof(
  { weight: 5, arbitrary: userText.map((value) => ({ t: "text" as const, value })) },
  {
    weight: 5,
    arbitrary: fc
      .record({ index: fc.nat({ max: 20 }), twice: fc.boolean() })
      .map((press) => ({ t: "press" as const, ...press })),
  },
  { weight: 1, arbitrary: fc.nat({ max: 20 }).map((index) => ({ t: "stale" as const, index })) },
  {
    weight: 1,
    arbitrary: fc
      .record({ ref: fc.oneof(fc.string(), fc.constant("idle")), value: fc.string() })
      .map((forged) => ({ t: "forged" as const, ...forged })),
  },
  {
    weight: 1,
    arbitrary: fc
      .dictionary(
        fc.constantFrom("age", "goal", "equipment", "minutes", "injuries", "notes", "bogus"),
        fieldValue,
      )
      .map((fields) => ({ t: "fields" as const, fields })),
  },
);

/** The keyboard a user sees last, and the one before it (whose buttons are stale). */
interface Shown {
  current: ChoiceSet | undefined;
  stale: ChoiceSet | undefined;
}

/** The buttons of the newest reply that has any. */
function lastChoices(replies: readonly Reply[]): ChoiceSet | undefined {
  return [...replies].reverse().find((reply) => reply.choices)?.choices;
}

function pressOf(choices: ChoiceSet | undefined, index: number): Input | undefined {
  if (!choices) return undefined;
  const values = [...choices.options, ...choices.actions].map((option) => option.value);
  const value = values[index % Math.max(values.length, 1)];
  return value === undefined ? undefined : { kind: "choice", ref: choices.ref, value };
}

/** The inputs an intent stands for: two for a double tap, none when there is nothing to press. */
function inputsOf(intent: Intent, current?: ChoiceSet, stale?: ChoiceSet): Input[] {
  switch (intent.t) {
    case "text": {
      const command = /^\/([A-Za-z]+)(?:@\S+)?\s*(.*)$/.exec(intent.value);
      if (!command) return [{ kind: "text", value: intent.value }];
      const [, name = "", args = ""] = command;
      return [{ kind: "command", value: name.toLowerCase(), args }];
    }
    case "press": {
      const input = pressOf(current, intent.index);
      return input ? (intent.twice ? [input, input] : [input]) : [];
    }
    case "stale": {
      const input = pressOf(stale, intent.index);
      return input ? [input] : [];
    }
    case "forged":
      return [{ kind: "choice", ref: intent.ref, value: intent.value }];
    case "fields":
      return [{ kind: "command", value: "plan", fields: intent.fields }];
  }
}

/** Checks each reply; with `ref`, that the dialogue's buttons belong to that question. */
function checkReplies(replies: readonly Reply[], ref?: string): void {
  for (const reply of replies) {
    expect(reply.text.trim()).not.toBe("");
    expect(reply.text.length).toBeLessThanOrEqual(REPLY_MAX_CHARS);
    if (ref !== undefined && reply.choices) {
      expect([ref, "idle"]).toContain(reply.choices.ref);
    }
  }
}

function checkStep(before: StepResult["state"], result: StepResult): void {
  expect(ConversationStateSchema.safeParse(result.state).success).toBe(true);
  expect(result.replies.length > 0 || result.notice !== undefined || result.action).toBeTruthy();
  expect(result.state.seq).toBeGreaterThanOrEqual(before.seq);
  if (result.notice !== undefined) {
    expect(result.replies).toEqual([]);
    expect(result.state).toEqual(before);
  }
  if (result.action) expect(ProfileSchema.safeParse(result.action.profile).success).toBe(true);
  checkReplies(result.replies, String(result.state.seq));
}

describe("the conversation engine under random input", () => {
  it("always answers, keeps a state that parses, and never throws", () => {
    fc.assert(
      fc.property(
        fc.option(profileArb, { nil: undefined }),
        fc.boolean(),
        fc.array(intentArb, { maxLength: 40 }),
        (profile, group, intents) => {
          let state = initialState();
          let current: ChoiceSet | undefined;
          let stale: ChoiceSet | undefined;
          const context = { group, ...(profile ? { profile } : {}) };
          for (const intent of intents) {
            for (const input of inputsOf(intent, current, stale)) {
              const result = step(state, input, context);
              checkStep(state, result);
              state = result.state;
              const shown = lastChoices(result.replies);
              if (shown) [stale, current] = [current, shown];
            }
          }
        },
      ),
      { numRuns: 300, reporter: shortReport },
    );
  });
});

/** Reads a plan to its end: exactly one done or failed event, last, and a done plan that checks. */
async function drainPlan(turn: Turn): Promise<void> {
  if (!turn.plan) return;
  const endings: string[] = [];
  for await (const event of turn.plan.events) {
    expect(endings).toEqual([]);
    if (event.type === "done") {
      expect(checkPlan(event.plan, turn.plan.profile)).toEqual([]);
      endings.push("done");
    }
    if (event.type === "failed") endings.push("failed");
  }
  expect(endings).toHaveLength(1);
}

const coachAction = fc.oneof(
  { weight: 12, arbitrary: fc.record({ user: fc.nat({ max: 1 }), intent: intentArb }) },
  { weight: 1, arbitrary: fc.record({ user: fc.nat({ max: 1 }), corrupt: fc.jsonValue() }) },
  // A saved profile lets random runs reach the summary, plans, swaps and re-plans.
  { weight: 2, arbitrary: fc.record({ user: fc.nat({ max: 1 }), profile: profileArb }) },
);

describe("the coach under random input, with every feature", () => {
  it("answers every input, writes only states that parse, and logs no error", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const parsed = parseConfig({ LOG_LEVEL: "warn", PLAN_LIMIT_PER_HOUR: "1000" });
    if (!parsed.ok) throw new Error(parsed.problems.join("; "));
    const services = await composeServices(parsed.config, { logDestination: sink });
    let run = 0;

    await fc.assert(
      fc.asyncProperty(fc.array(coachAction, { minLength: 15, maxLength: 40 }), async (actions) => {
        run += 1;
        const users: UserKey[] = [`fuzz:${run}a`, `fuzz:${run}b`];
        const shown: Shown[] = [
          { current: undefined, stale: undefined },
          { current: undefined, stale: undefined },
        ];
        const planted = new Map<UserKey, unknown>();

        for (const action of actions) {
          const user = users[action.user] ?? users[0];
          const seen = shown[action.user];
          if (!user || !seen) continue;
          if ("profile" in action) {
            await services.store.setProfile(user, action.profile);
            continue;
          }
          if ("corrupt" in action) {
            await services.store.setState(user, action.corrupt, 60_000);
            planted.set(user, action.corrupt);
            continue;
          }
          const inputs = inputsOf(action.intent, seen.current, seen.stale);
          // A double tap arrives as two inputs at once; the coach must take them one at a time.
          const turns = await Promise.all(
            inputs.map((input) => services.coach.handle(user, input, { group: false })),
          );
          for (const turn of turns) {
            expect(turn.replies.length > 0 || turn.notice || turn.plan || turn.file).toBeTruthy();
            checkReplies(turn.replies);
            await drainPlan(turn);
            const choices = lastChoices(turn.replies);
            if (choices) [seen.stale, seen.current] = [seen.current, choices];
          }
          const stored = await services.store.getState(user);
          const untouched = JSON.stringify(stored) === JSON.stringify(planted.get(user));
          if (stored !== undefined && !untouched) {
            expect(ConversationStateSchema.safeParse(stored).success).toBe(true);
          }
        }
      }),
      { numRuns: 100, reporter: shortReport },
    );

    await services.close();
    const levels = lines.map((line) => (JSON.parse(line) as { level: number }).level);
    expect(levels.filter((level) => level >= 50)).toEqual([]);
  });
});
