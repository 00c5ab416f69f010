/**
 * A coach with the re-plan, history, weekly and export features on the in-process store, the
 * built-in planner and a fake clock, driven the way a front end drives it.
 */
import { type Coach, createCoach, type Turn } from "../../src/coach.js";
import type { Input, Reply } from "../../src/conversation/types.js";
import { createExportFeature } from "../../src/features/export.js";
import { createHistoryFeature } from "../../src/features/history.js";
import { createReplanFeature } from "../../src/features/replan.js";
import { createWeeklyFeature } from "../../src/features/weekly.js";
import { noMetrics } from "../../src/metrics.js";
import type { Plan } from "../../src/plan/schema.js";
import { createPlannerGenerator } from "../../src/planner/index.js";
import { createPlanning, type Planning } from "../../src/planning.js";
import { silentLogger, type UserKey } from "../../src/ports.js";
import type { Profile } from "../../src/profile/schema.js";
import { createMemoryStore } from "../../src/store/memory.js";
import type { Store } from "../../src/store/types.js";
import { fakeClock } from "../store/contract.js";

export interface Harness {
  readonly store: Store;
  readonly coach: Coach;
  readonly planning: Planning;
  readonly time: ReturnType<typeof fakeClock>;
  /** Sends an input and returns the turn, with any plan streamed to its end. */
  send(input: Input): Promise<{ turn: Turn; plan?: Plan; last?: Reply }>;
  command(value: string, args?: string): ReturnType<Harness["send"]>;
  /** Presses the option labelled `label` on the last reply that had choices. */
  press(label: string): ReturnType<Harness["send"]>;
  type(text: string): ReturnType<Harness["send"]>;
  /** Makes a first plan for the profile, as /plan would. */
  firstPlan(profile: Profile): Promise<Plan>;
}

export function harness(user: UserKey = "telegram:42", start = Date.UTC(2026, 0, 5, 9)): Harness {
  const time = fakeClock(start);
  const store = createMemoryStore({ clock: time.clock });
  const planning = createPlanning({
    store,
    planner: createPlannerGenerator(),
    metrics: noMetrics,
    clock: time.clock,
    logger: silentLogger,
    options: { limit: 1_000 },
  });
  const features = [
    createReplanFeature({ store, clock: time.clock }),
    createHistoryFeature({ store }),
    createWeeklyFeature({ store, clock: time.clock }),
    createExportFeature({ store, clock: time.clock }),
  ];
  const coach = createCoach({ store, planning, clock: time.clock, logger: silentLogger, features });
  let last: Reply | undefined;

  async function drain(turn: Turn): Promise<Plan | undefined> {
    if (!turn.plan) return undefined;
    let plan: Plan | undefined;
    for await (const event of turn.plan.events) {
      if (event.type === "done") plan = event.plan;
      if (event.type === "failed") throw new Error(`plan failed: ${event.message}`);
    }
    return plan;
  }

  async function send(input: Input) {
    const turn = await coach.handle(user, input, { group: false });
    const withChoices = [...turn.replies].reverse().find((reply) => reply.choices);
    if (turn.replies.length > 0) last = withChoices;
    const plan = await drain(turn);
    return { turn, ...(plan ? { plan } : {}), ...(last ? { last } : {}) };
  }

  return {
    store,
    coach,
    planning,
    time,
    send,
    command: (value, args = "") => send({ kind: "command", value, args }),
    press(label) {
      const choices = last?.choices;
      if (!choices) throw new Error(`no choices to press "${label}" on`);
      const option =
        choices.options.find((candidate) => candidate.label === label) ??
        choices.actions.find((candidate) => candidate.label === label);
      if (!option) throw new Error(`no button "${label}" on: ${last?.text}`);
      return send({ kind: "choice", value: option.value, ref: choices.ref });
    },
    type: (text) => send({ kind: "text", value: text }),
    async firstPlan(profile) {
      await store.setProfile(user, profile);
      const outcome = await planning.request({
        limitKey: user,
        profile,
        signal: new AbortController().signal,
        user,
      });
      if (outcome.kind !== "accepted") throw new Error(outcome.kind);
      const plan = await drain({ replies: [], plan: { ...outcome, cancel() {} } });
      if (!plan) throw new Error("no first plan");
      return plan;
    },
  };
}
