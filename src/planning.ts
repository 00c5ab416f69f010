/**
 * Plan requests, as every front end makes them: the per-user limiter, then the plan cache, then
 * the pipeline, then history, cache and spend bookkeeping. Chat front ends reach it through the
 * coach; the HTTP API calls it directly.
 */
import { MESSAGES, waitMessage } from "./messages.js";
import type { Metrics } from "./metrics.js";
import { planCacheKey } from "./pipeline/cache-key.js";
import { judge, runPipeline } from "./pipeline/run.js";
import type { PlanEvent, PlanGenerator, PlanMeta, ReplanInput } from "./pipeline/types.js";
import { type Validated, validateProfile } from "./pipeline/validate.js";
import { renderPlan } from "./plan/render.js";
import type { Plan } from "./plan/schema.js";
import type { Clock, Logger, UserKey } from "./ports.js";
import type { Profile } from "./profile/schema.js";
import type { Store } from "./store/types.js";

export const PLANNING_DEFAULTS = {
  limit: 10,
  windowMs: 3_600_000, // 1 hour
  cacheTtlMs: 3_600_000, // 1 hour
  maxCostUsd: 0.005,
} as const;

/** The daily LLM budget, shared by all instances. */
export interface SpendGate {
  canSpend(): Promise<boolean>;
  record(usd: number): Promise<void>;
}

export interface PlanningDeps {
  readonly store: Store;
  /** The built-in planner: always there, and the fallback for everything else. */
  readonly planner: PlanGenerator;
  /** The LLM generator, when one is configured. */
  readonly llm?: PlanGenerator;
  readonly spend?: SpendGate;
  readonly metrics: Metrics;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly options?: Partial<Record<keyof typeof PLANNING_DEFAULTS, number>>;
}

export interface PlanRequest {
  /** Whose limit this request counts against: a user, an API key or an address. */
  readonly limitKey: string;
  readonly profile: unknown;
  readonly signal: AbortSignal;
  /** Saves the delivered plan to this user's history. */
  readonly user?: UserKey;
  readonly replan?: ReplanInput;
}

export type PlanOutcome =
  | { readonly kind: "invalid"; readonly validated: Extract<Validated, { ok: false }> }
  | { readonly kind: "limited"; readonly retryAfterMs: number; readonly message: string }
  | {
      readonly kind: "accepted";
      readonly profile: Profile;
      readonly events: AsyncIterable<PlanEvent>;
    };

interface CachedPlan {
  readonly plan: Plan;
  readonly meta: PlanMeta;
}

export interface Planning {
  request(request: PlanRequest): Promise<PlanOutcome>;
}

export function createPlanning(deps: PlanningDeps): Planning {
  const options = { ...PLANNING_DEFAULTS, ...deps.options };
  const { store, metrics, clock } = deps;

  async function chooseGenerator(): Promise<{ generator: PlanGenerator; notices: string[] }> {
    if (!deps.llm) return { generator: deps.planner, notices: [] };
    if (deps.spend && !(await deps.spend.canSpend())) {
      return { generator: deps.planner, notices: [MESSAGES.budgetNotice] };
    }
    return { generator: deps.llm, notices: [] };
  }

  async function fromCache(key: string, profile: Profile): Promise<CachedPlan | undefined> {
    const raw = await store.cacheGet(key);
    if (raw === undefined) return undefined;
    try {
      const cached = JSON.parse(raw) as CachedPlan;
      const verdict = judge(cached.plan, profile);
      if (verdict.ok) return { plan: verdict.plan, meta: cached.meta };
    } catch {
      // A corrupt entry is a miss; the fresh plan overwrites it.
    }
    return undefined;
  }

  async function* events(request: PlanRequest, profile: Profile): AsyncGenerator<PlanEvent> {
    const log = deps.logger.child({ limitKey: request.limitKey });
    const started = clock();
    const ended = metrics.streamStarted();
    try {
      const { generator, notices } = await chooseGenerator();
      const view = generator.cacheView?.(profile);
      const key = request.replan ? undefined : planCacheKey(profile, generator.id, "", view);

      const hit = key ? await fromCache(key, profile) : undefined;
      if (key) metrics.cacheLookup(hit !== undefined);
      if (hit) {
        const meta: PlanMeta = {
          source: "cache",
          generator: hit.meta.generator,
          durationMs: clock() - started,
          repairs: [],
          notices,
        };
        await record(request, profile, hit.plan, meta);
        yield { type: "done", plan: hit.plan, meta, text: renderPlan(hit.plan) };
        return;
      }

      const pipeline = runPipeline(
        {
          profile,
          signal: request.signal,
          notices,
          ...(request.replan ? { replan: request.replan } : {}),
        },
        {
          generator,
          fallback: deps.planner,
          clock,
          logger: log,
          maxCostUsd: options.maxCostUsd,
        },
      );
      for await (const event of pipeline) {
        if (event.type === "done") {
          if (event.meta.costUsd) await deps.spend?.record(event.meta.costUsd);
          if (key && event.meta.source === generator.source) {
            const entry: CachedPlan = { plan: event.plan, meta: event.meta };
            await store.cacheSet(key, JSON.stringify(entry), options.cacheTtlMs);
          }
          await record(request, profile, event.plan, event.meta);
        }
        yield event;
      }
    } finally {
      ended();
    }
  }

  async function record(request: PlanRequest, profile: Profile, plan: Plan, meta: PlanMeta) {
    metrics.planDelivered(meta);
    if (request.user) {
      await store.addHistory(request.user, {
        createdAt: clock(),
        profile,
        plan,
        source: meta.source,
      });
    }
  }

  return {
    async request(request) {
      const validated = validateProfile(request.profile);
      if (!validated.ok) return { kind: "invalid", validated };

      const rule = { limit: options.limit, windowMs: options.windowMs };
      const decision = await store.hitLimit(`plan:${request.limitKey}`, rule, clock());
      if (!decision.allowed) {
        metrics.limitRefused();
        const { retryAfterMs } = decision;
        return { kind: "limited", retryAfterMs, message: waitMessage(retryAfterMs) };
      }
      return {
        kind: "accepted",
        profile: validated.profile,
        events: events(request, validated.profile),
      };
    },
  };
}
