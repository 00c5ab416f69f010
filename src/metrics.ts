/**
 * What the core reports for monitoring. The composition root passes a Prometheus-backed
 * implementation; tests and tools use {@link noMetrics}.
 */
import type { PlanMeta } from "./pipeline/types.js";

export interface Metrics {
  /** A plan reached a user: counts by source, tokens, cost and timings. */
  planDelivered(meta: PlanMeta): void;
  cacheLookup(hit: boolean): void;
  /** A plan request refused by the per-user limiter. */
  limitRefused(): void;
  /** A plan stream began; call the returned function when it ends. */
  streamStarted(): () => void;
}

export const noMetrics: Metrics = {
  planDelivered() {},
  cacheLookup() {},
  limitRefused() {},
  streamStarted: () => () => {},
};
