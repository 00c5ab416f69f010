/**
 * The coach: the one entry point every chat front end calls with a user's input. It loads the
 * user's dialogue, runs the conversation step, saves the result, and turns a confirmed profile
 * into a plan request. Commands outside the profile dialogue (swap, re-plan, history, ...) are
 * {@link Feature}s, each keeping its own state.
 */

import { type ConversationState, loadState } from "./conversation/state.js";
import { step } from "./conversation/step.js";
import type { Input, Reply } from "./conversation/types.js";
import { MESSAGES } from "./messages.js";
import type { PlanEvent } from "./pipeline/types.js";
import type { Planning } from "./planning.js";
import type { Clock, Logger, UserKey } from "./ports.js";
import { type Profile, ProfileSchema } from "./profile/schema.js";
import type { Store } from "./store/types.js";

export const COACH_DEFAULTS = {
  stateTtlMs: 86_400_000, // 1 day: an abandoned dialogue expires
} as const;

/** A plan that is being made for this turn; iterate `events` to stream it. */
export interface PlanJob {
  readonly profile: Profile;
  readonly events: AsyncIterable<PlanEvent>;
  /** Stops generation; no more tokens are spent. */
  cancel(): void;
}

export interface Turn {
  readonly replies: readonly Reply[];
  /** A short answer to a button press that changed nothing, such as a stale button. */
  readonly notice?: string;
  readonly plan?: PlanJob;
  /** A file to send, such as an exported calendar. */
  readonly file?: { readonly name: string; readonly mime: string; readonly content: string };
}

export interface TurnContext {
  /** The input came from a group chat or a guild channel. */
  readonly group: boolean;
}

/** What a feature receives with each input. */
export interface FeatureContext extends TurnContext {
  readonly user: UserKey;
  readonly profile: Profile | undefined;
  /** Starts a plan request; used by features such as re-plan. */
  readonly requestPlan: (profile: Profile, extra?: Pick<PlanJobRequest, "replan">) => Promise<Turn>;
}

type PlanJobRequest = Parameters<Planning["request"]>[0];

/** A command family outside the profile dialogue, with buttons whose refs start with `prefix`. */
export interface Feature {
  readonly name: string;
  readonly commands: readonly string[];
  readonly prefix: string;
  command(name: string, args: string, context: FeatureContext): Promise<Turn>;
  choice(value: string, ref: string, context: FeatureContext): Promise<Turn>;
  /** Handles typed text while this feature has a question open; undefined when it has none. */
  text?(value: string, context: FeatureContext): Promise<Turn | undefined>;
  /** Drops any open question, when the user cancels or starts something else. */
  reset?(user: UserKey): Promise<void>;
  /** Removes what the feature keeps outside the user's own keys, on /forget. */
  forget?(user: UserKey): Promise<void>;
}

export interface CoachDeps {
  readonly store: Store;
  readonly planning: Planning;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly features?: readonly Feature[];
  readonly options?: Partial<Record<keyof typeof COACH_DEFAULTS, number>>;
}

export interface Coach {
  handle(user: UserKey, input: Input, context: TurnContext): Promise<Turn>;
}

export function createCoach(deps: CoachDeps): Coach {
  const options = { ...COACH_DEFAULTS, ...deps.options };
  const { store } = deps;
  const features = deps.features ?? [];
  const locks = new Map<UserKey, Promise<unknown>>();

  /** One input at a time per user in this process, so two taps never race on the state. */
  function serial<T>(user: UserKey, work: () => Promise<T>): Promise<T> {
    const before = locks.get(user) ?? Promise.resolve();
    const run = before.then(work, work);
    const settled = run.catch(() => undefined);
    locks.set(user, settled);
    void settled.then(() => {
      if (locks.get(user) === settled) locks.delete(user);
    });
    return run;
  }

  async function loadProfile(user: UserKey): Promise<Profile | undefined> {
    const parsed = ProfileSchema.safeParse(await store.getProfile(user));
    return parsed.success ? parsed.data : undefined;
  }

  async function requestPlan(
    user: UserKey,
    profile: Profile,
    extra: Pick<PlanJobRequest, "replan"> = {},
  ): Promise<Turn> {
    await store.setProfile(user, profile);
    const controller = new AbortController();
    const outcome = await deps.planning.request({
      limitKey: user,
      profile,
      signal: controller.signal,
      user,
      ...extra,
    });
    if (outcome.kind === "limited") return { replies: [{ text: outcome.message }] };
    if (outcome.kind === "invalid") return { replies: [{ text: outcome.validated.message }] };
    return {
      replies: [],
      plan: { profile: outcome.profile, events: outcome.events, cancel: () => controller.abort() },
    };
  }

  async function resetFeatures(user: UserKey): Promise<void> {
    await Promise.all(features.map((feature) => feature.reset?.(user)));
  }

  async function handle(user: UserKey, input: Input, context: TurnContext): Promise<Turn> {
    // Both reads go out at once; on Redis they travel in one pipeline.
    const [raw, profile] = await Promise.all([store.getState(user), loadProfile(user)]);
    const featureContext: FeatureContext = {
      ...context,
      user,
      profile,
      requestPlan: (chosen, extra) => requestPlan(user, chosen, extra),
    };

    if (input.kind === "command") {
      if (input.value === "forget") {
        await store.forget(user);
        await Promise.all(features.map((feature) => feature.forget?.(user)));
        await resetFeatures(user);
        return { replies: [{ text: MESSAGES.forgotten }] };
      }
      const feature = features.find((candidate) => candidate.commands.includes(input.value));
      if (feature) {
        await resetFeatures(user);
        return feature.command(input.value, input.args ?? "", featureContext);
      }
      await resetFeatures(user);
    }
    if (input.kind === "choice") {
      const feature = features.find((candidate) => input.ref.startsWith(candidate.prefix));
      if (feature) return feature.choice(input.value, input.ref, featureContext);
    }

    const state = loadState(raw);
    if (input.kind === "text" && state.mode === "idle") {
      for (const feature of features) {
        const turn = await feature.text?.(input.value, featureContext);
        if (turn) return turn;
      }
    }

    const result = step(state, input, { group: context.group, ...(profile ? { profile } : {}) });
    await saveState(user, result.state);
    const turn: Turn = {
      replies: result.replies,
      ...(result.notice ? { notice: result.notice } : {}),
    };
    if (result.action?.type !== "make_plan") return turn;

    const planned = await requestPlan(user, result.action.profile);
    return { ...planned, replies: [...turn.replies, ...planned.replies] };
  }

  /** Ended dialogues are kept too: their question counter keeps old buttons stale. */
  async function saveState(user: UserKey, state: ConversationState): Promise<void> {
    await store.setState(user, state, options.stateTtlMs);
  }

  return {
    handle(user, input, context) {
      return serial(user, () => handle(user, input, context));
    },
  };
}
