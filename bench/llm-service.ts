/**
 * A planning service whose LLM is the real generator talking to the fake OpenAI server on
 * loopback, for the cost and streaming benchmarks.
 */
import { createOpenAIClient } from "../src/llm/client.js";
import { createLlmGenerator } from "../src/llm/generator.js";
import { KNOWN_PRICES, type Prices } from "../src/llm/pricing.js";
import { noMetrics } from "../src/metrics.js";
import { createPlannerGenerator } from "../src/planner/index.js";
import { createPlanning, type Planning } from "../src/planning.js";
import { type Clock, silentLogger } from "../src/ports.js";
import type { Store } from "../src/store/types.js";

export const BENCH_MODEL = "gpt-4o";

export interface LlmServiceDeps {
  readonly baseURL: string;
  readonly store: Store;
  readonly clock?: Clock;
  /** Plans per user per hour; benchmarks ask often, so it is high by default. */
  readonly limit?: number;
}

export function createLlmPlanning(deps: LlmServiceDeps): Planning {
  const clock = deps.clock ?? Date.now;
  const llm = createLlmGenerator({
    client: createOpenAIClient({ apiKey: "bench-key", baseURL: deps.baseURL }),
    model: BENCH_MODEL,
    prices: KNOWN_PRICES[BENCH_MODEL] as Prices,
    clock,
    logger: silentLogger,
  });
  return createPlanning({
    store: deps.store,
    planner: createPlannerGenerator(),
    llm,
    metrics: noMetrics,
    clock,
    logger: silentLogger,
    options: { limit: deps.limit ?? 1_000_000 },
  });
}
