/**
 * The composition root: the only place that builds services from configuration. Entry points call
 * {@link composeServices} and hand the result to the front ends they start.
 */

import { type Coach, createCoach, type Feature } from "../src/coach.js";
import type { Config } from "../src/config.js";
import { priceOverrides, secretsOf } from "../src/config.js";
import { createFeatures } from "../src/features/index.js";
import { pricesFor } from "../src/llm/pricing.js";
import { type Metrics, noMetrics } from "../src/metrics.js";
import type { PlanGenerator } from "../src/pipeline/types.js";
import { createPlannerGenerator } from "../src/planner/index.js";
import { createPlanning, type Planning } from "../src/planning.js";
import { type Clock, type Logger, systemClock } from "../src/ports.js";
import { createSpendCap } from "../src/spend.js";
import { createMemoryStore } from "../src/store/memory.js";
import type { Store } from "../src/store/types.js";
import { createLogger } from "./logging.js";

export interface Services {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly store: Store;
  readonly planning: Planning;
  readonly coach: Coach;
  readonly metrics: Metrics;
  readonly llmConfigured: boolean;
  /** Whether Redis answers right now; undefined when no REDIS_URL is set. For health checks. */
  redisUp(): boolean | undefined;
  /** Closes Redis and anything else that holds the process open. */
  close(): Promise<void>;
}

export interface ComposeOptions {
  readonly logDestination?: NodeJS.WritableStream;
  /** Overrides LOG_LEVEL, as the terminal chat does to keep its screen clean. */
  readonly logLevel?: string;
  readonly metrics?: Metrics;
  /** Features built from the services, such as swap and re-plan. */
  readonly features?: (services: Omit<Services, "coach" | "close">) => readonly Feature[];
}

interface BuiltStore {
  readonly store: Store;
  readonly redisUp: () => boolean | undefined;
}

async function buildStore(config: Config, logger: Logger, clock: Clock): Promise<BuiltStore> {
  const memory = createMemoryStore({ clock });
  if (!config.REDIS_URL) {
    logger.warn({}, "REDIS_URL is not set: state is kept in this process and ends with it");
    return { store: memory, redisUp: () => undefined };
  }
  // Redis and the LLM client load only when configured, so the terminal chat starts quickly.
  const { createRedisClient, createRedisStore, redactRedisUrl, waitForRedis } = await import(
    "../src/store/redis.js"
  );
  const { createResilientStore } = await import("../src/store/resilient.js");
  const redis = createRedisClient(config.REDIS_URL, { logger });
  // Commands fail at once until the first connection, so wait for it rather than start degraded.
  const connected = await waitForRedis(redis);
  logger.info({ redis: redactRedisUrl(config.REDIS_URL), connected }, "using Redis");
  const primary = createRedisStore({ redis, prefix: config.REDIS_PREFIX, clock, logger });
  const store = createResilientStore({ primary, fallback: memory, logger, clock });
  return { store, redisUp: () => redis.status === "ready" };
}

async function buildLlm(
  config: Config,
  logger: Logger,
  clock: Clock,
): Promise<PlanGenerator | undefined> {
  if (!config.OPENAI_API_KEY || !config.OPENAI_MODEL) {
    logger.info({}, "OPENAI_API_KEY is not set: plans come from the built-in planner");
    return undefined;
  }
  const prices = pricesFor(config.OPENAI_MODEL, priceOverrides(config));
  // parseConfig refuses a model without prices, so this only guards against a changed table.
  if (!prices) throw new Error(`no prices for model ${config.OPENAI_MODEL}`);
  const { createOpenAIClient } = await import("../src/llm/client.js");
  const { createLlmGenerator } = await import("../src/llm/generator.js");
  const client = createOpenAIClient({
    apiKey: config.OPENAI_API_KEY,
    ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
  });
  logger.info({ model: config.OPENAI_MODEL }, "plans come from the LLM");
  return createLlmGenerator({
    client,
    model: config.OPENAI_MODEL,
    prices,
    maxOutputTokens: config.LLM_MAX_OUTPUT_TOKENS,
    timeouts: { firstTokenMs: config.LLM_FIRST_TOKEN_TIMEOUT_MS, totalMs: config.LLM_TIMEOUT_MS },
    clock,
    logger,
  });
}

export async function composeServices(
  config: Config,
  options: ComposeOptions = {},
): Promise<Services> {
  const clock = systemClock;
  const logger = createLogger({
    level: options.logLevel ?? config.LOG_LEVEL,
    secrets: secretsOf(config),
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const { store, redisUp } = await buildStore(config, logger, clock);
  const metrics = options.metrics ?? noMetrics;
  const llm = await buildLlm(config, logger, clock);
  const spend = createSpendCap({ store, dailyUsd: config.LLM_DAILY_BUDGET_USD, clock });
  const planning = createPlanning({
    store,
    planner: createPlannerGenerator(),
    ...(llm ? { llm, spend } : {}),
    metrics,
    clock,
    logger,
    options: {
      limit: config.PLAN_LIMIT_PER_HOUR,
      cacheTtlMs: config.CACHE_TTL_SECONDS * 1_000,
      maxCostUsd: config.LLM_MAX_COST_PER_PLAN_USD,
    },
  });
  const llmConfigured = Boolean(llm);
  const base = { config, logger, clock, store, planning, metrics, llmConfigured, redisUp };
  const coach = createCoach({
    store,
    planning,
    clock,
    logger,
    features: [...createFeatures({ store, clock }), ...(options.features?.(base) ?? [])],
    options: { stateTtlMs: config.STATE_TTL_SECONDS * 1_000 },
  });
  return { ...base, coach, close: () => store.close() };
}
