/**
 * The contracts of the three-stage pipeline (validate, generate, enforce) and the events it emits
 * while a plan is being made.
 */
import type { PartialPlan, Plan } from "../plan/schema.js";
import type { Profile } from "../profile/schema.js";

export type StageName = "validate" | "generate" | "enforce";
export type PlanSource = "planner" | "llm" | "cache";

/** Token counts of one LLM request. `estimated` is true when the server sent no usage. */
export interface Usage {
  readonly inputTokens: number;
  readonly cachedInputTokens: number;
  readonly outputTokens: number;
  readonly estimated: boolean;
}

export interface PlanMeta {
  readonly source: PlanSource;
  /** The generator's id: "planner@<version>" or "llm:<model>@<prompt version>". */
  readonly generator: string;
  readonly durationMs: number;
  /** Time from the start to the first rendered plan text, when there was any. */
  readonly firstTextMs?: number;
  readonly usage?: Usage;
  readonly costUsd?: number;
  /** Codes of the plan-check violations that were repaired. */
  readonly repairs: readonly string[];
  /** Short user-facing lines, such as why the built-in plan was used. */
  readonly notices: readonly string[];
}

export type PlanEvent =
  | { readonly type: "stage"; readonly stage: StageName; readonly state: "started" | "done" }
  | { readonly type: "text"; readonly text: string }
  | { readonly type: "done"; readonly plan: Plan; readonly meta: PlanMeta; readonly text: string }
  | { readonly type: "failed"; readonly message: string };

/** What a re-plan passes to a generator: last week's plan and how it went. */
export interface ReplanInput {
  readonly week: number;
  readonly previous: Plan;
  readonly feedback: Feedback;
  /** Consecutive hard weeks before this one, for deload decisions. */
  readonly hardWeeks: number;
  /** How the week before last felt: "too hard" twice in a row calls for a deload. */
  readonly previousRating?: Feedback["rating"];
}

export interface Feedback {
  readonly sessionsDone: number;
  readonly rating: "too_easy" | "about_right" | "too_hard";
  /** Exercise names that hurt or could not be done. */
  readonly painful: readonly string[];
}

export interface GenerateContext {
  readonly signal: AbortSignal;
  readonly replan?: ReplanInput;
  /** Violations of an earlier attempt, fed back when a generator is asked to try again. */
  readonly violations?: readonly string[];
}

/** What a generator streams: finished days as they come, then its whole answer. */
export type GeneratorChunk =
  | { readonly type: "partial"; readonly plan: PartialPlan }
  | {
      readonly type: "final";
      /** The candidate plan, not yet trusted: it still goes through enforce. */
      readonly candidate: unknown;
      readonly usage?: Usage;
      readonly costUsd?: number;
    };

/**
 * What a generator's error may carry when it failed after spending tokens (a refusal, a cut-off
 * answer): the pipeline still counts them.
 */
export interface SpentOnFailure {
  readonly usage?: Usage;
  readonly costUsd?: number;
}

/** The built-in planner and the LLM both sit behind this interface. */
export interface PlanGenerator {
  readonly id: string;
  readonly source: Exclude<PlanSource, "cache">;
  /**
   * What of a profile this generator reads, for the plan cache: profiles equal in this view share
   * a cache key. Without it, every field counts (normalised).
   */
  readonly cacheView?: (profile: Profile) => object;
  generate(profile: Profile, context: GenerateContext): AsyncIterable<GeneratorChunk>;
}
