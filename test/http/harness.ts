/**
 * Starts the HTTP front end on a free loopback port over the real core: the planning service, the
 * in-process store, the built-in planner and Prometheus metrics. Generators that tests need to
 * control (slow, gated, counting) wrap the built-in planner, so their plans pass the plan checks.
 */

import type { HealthReport, Route } from "../../adapters/http/routes.js";
import { type HttpServer, startHttp } from "../../adapters/http/server.js";
import type { GenerateContext, PlanGenerator } from "../../src/pipeline/types.js";
import { createPlannerGenerator } from "../../src/planner/index.js";
import { createPlanning } from "../../src/planning.js";
import { silentLogger, systemClock } from "../../src/ports.js";
import type { Profile } from "../../src/profile/schema.js";
import { createPrometheusMetrics, type PrometheusMetrics } from "../../src/prometheus.js";
import { createMemoryStore } from "../../src/store/memory.js";

export interface ApiOptions {
  /** Used as the LLM; without it plans come from the built-in planner. */
  readonly llm?: PlanGenerator;
  readonly apiKeys?: readonly string[];
  readonly limit?: number;
  readonly routes?: readonly Route[];
  readonly maxBodyBytes?: number;
}

export interface Api {
  readonly server: HttpServer;
  readonly url: string;
  readonly metrics: PrometheusMetrics;
  readonly planner: PlanGenerator;
}

export async function startApi(options: ApiOptions = {}): Promise<Api> {
  const metrics = createPrometheusMetrics({ processMetrics: false });
  const planner = createPlannerGenerator();
  const limit = { limit: options.limit ?? 100, windowMs: 3_600_000 };
  const planning = createPlanning({
    store: createMemoryStore(),
    planner,
    ...(options.llm ? { llm: options.llm } : {}),
    metrics,
    clock: systemClock,
    logger: silentLogger,
    options: { limit: limit.limit, windowMs: limit.windowMs },
  });
  const server = await startHttp({
    planning,
    logger: silentLogger,
    host: "127.0.0.1",
    port: 0,
    apiKeys: options.apiKeys ?? [],
    limit,
    health: (): HealthReport => ({ store: "memory", llmConfigured: options.llm !== undefined }),
    metrics,
    ...(options.routes ? { routes: options.routes } : {}),
    ...(options.maxBodyBytes ? { options: { maxBodyBytes: options.maxBodyBytes } } : {}),
  });
  return { server, url: server.url, metrics, planner };
}

/** A promise with its resolve function outside, for gates and signals between test and server. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** An "LLM" that counts its calls and otherwise behaves as the built-in planner. */
export function countingGenerator(planner: PlanGenerator): PlanGenerator & { calls: number } {
  const generator = {
    id: "counting@1",
    source: "llm" as const,
    calls: 0,
    generate(profile: Profile, context: GenerateContext) {
      generator.calls += 1;
      return planner.generate(profile, context);
    },
  };
  return generator;
}

/**
 * An "LLM" that starts, then waits until `open` resolves or the request is aborted. `started` and
 * `aborted` tell the test where it is.
 */
export function gatedGenerator(planner: PlanGenerator, open: Promise<void>) {
  const started = deferred();
  const aborted = deferred<unknown>();
  const generator: PlanGenerator = {
    id: "gated@1",
    source: "llm",
    async *generate(profile, context) {
      started.resolve();
      const stopped = new Promise<"aborted">((resolve) => {
        if (context.signal.aborted) resolve("aborted");
        context.signal.addEventListener("abort", () => resolve("aborted"), { once: true });
      });
      if ((await Promise.race([open, stopped])) === "aborted") {
        aborted.resolve(context.signal.reason);
        throw new Error("aborted");
      }
      yield* planner.generate(profile, context);
    },
  };
  return { generator, started: started.promise, aborted: aborted.promise };
}
