/**
 * The Prometheus implementation of {@link Metrics}. Every series lives in its own registry, so two
 * instances (two tests, or two servers in one process) never share counts, and `GET /metrics`
 * renders exactly what fitplan reports.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Metrics } from "./metrics.js";
import type { PlanMeta } from "./pipeline/types.js";

export const PROMETHEUS_DEFAULTS = {
  prefix: "fitplan_",
  /** Seconds until the first plan text: the wait a user feels. */
  firstTextBuckets: [0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 13, 20],
  /** Seconds from request to finished plan. */
  durationBuckets: [0.25, 0.5, 1, 2, 5, 10, 20, 30, 45, 60, 90],
  /** Adds Node's process metrics (CPU, memory, event-loop lag) to the same registry. */
  processMetrics: true,
} as const;

export type PrometheusOptions = Partial<{
  prefix: string;
  firstTextBuckets: readonly number[];
  durationBuckets: readonly number[];
  processMetrics: boolean;
}>;

/** {@link Metrics} that can also be rendered in the Prometheus text format. */
export interface PrometheusMetrics extends Metrics {
  readonly registry: Registry;
  /** The media type of {@link render}'s output. */
  readonly contentType: string;
  render(): Promise<string>;
}

export function createPrometheusMetrics(options: PrometheusOptions = {}): PrometheusMetrics {
  const settings = { ...PROMETHEUS_DEFAULTS, ...options };
  const prefix = settings.prefix;
  const registry = new Registry();
  const registers = [registry];

  const plans = new Counter({
    name: `${prefix}plans_total`,
    help: "Plans delivered, by where they came from (llm, planner, cache).",
    labelNames: ["source"] as const,
    registers,
  });
  const cacheLookups = new Counter({
    name: `${prefix}plan_cache_lookups_total`,
    help: "Plan cache lookups, by result (hit, miss).",
    labelNames: ["result"] as const,
    registers,
  });
  const refusals = new Counter({
    name: `${prefix}limit_refusals_total`,
    help: "Plan requests refused by the per-user limiter.",
    registers,
  });
  const tokens = new Counter({
    name: `${prefix}llm_tokens_total`,
    help: "LLM tokens, by kind: input (all prompt tokens), cached_input (the cached part of input), output.",
    labelNames: ["kind"] as const,
    registers,
  });
  const cost = new Counter({
    name: `${prefix}llm_cost_usd_total`,
    help: "US dollars spent on the LLM.",
    registers,
  });
  const firstText = new Histogram({
    name: `${prefix}plan_first_text_seconds`,
    help: "Time from the start of a plan to its first readable text.",
    labelNames: ["source"] as const,
    buckets: [...settings.firstTextBuckets],
    registers,
  });
  const duration = new Histogram({
    name: `${prefix}plan_duration_seconds`,
    help: "Time from the start of a plan to the finished plan.",
    labelNames: ["source"] as const,
    buckets: [...settings.durationBuckets],
    registers,
  });
  const active = new Gauge({
    name: `${prefix}active_streams`,
    help: "Plans being streamed right now, across all front ends.",
    registers,
  });

  // Zeroed series appear in the first scrape, so rates and alerts work before the first event.
  for (const source of ["llm", "planner", "cache"]) plans.inc({ source }, 0);
  for (const result of ["hit", "miss"]) cacheLookups.inc({ result }, 0);
  for (const kind of ["input", "cached_input", "output"]) tokens.inc({ kind }, 0);

  if (settings.processMetrics) collectDefaultMetrics({ register: registry, prefix });

  function planDelivered(meta: PlanMeta): void {
    const source = meta.source;
    plans.inc({ source });
    duration.observe({ source }, meta.durationMs / 1_000);
    if (meta.firstTextMs !== undefined) firstText.observe({ source }, meta.firstTextMs / 1_000);
    if (meta.usage) {
      const { inputTokens, cachedInputTokens, outputTokens } = meta.usage;
      tokens.inc({ kind: "input" }, inputTokens);
      tokens.inc({ kind: "cached_input" }, cachedInputTokens);
      tokens.inc({ kind: "output" }, outputTokens);
    }
    if (meta.costUsd) cost.inc(meta.costUsd);
  }

  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    planDelivered,
    cacheLookup: (hit) => cacheLookups.inc({ result: hit ? "hit" : "miss" }),
    limitRefused: () => refusals.inc(),
    streamStarted() {
      active.inc();
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        active.dec();
      };
    },
  };
}
