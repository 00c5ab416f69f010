/** The benchmarks in the order they run, each loaded only in the process that runs it. */
import type { BenchResult } from "./result.js";

type Loader = () => Promise<{ run(): Promise<BenchResult> }>;

export const BENCHMARKS = {
  planner: () => import("./planner.js"),
  cache: () => import("./cache.js"),
  cost: () => import("./cost.js"),
  streaming: () => import("./streaming.js"),
  overhead: () => import("./overhead.js"),
  capacity: () => import("./capacity.js"),
} as const satisfies Record<string, Loader>;

export type BenchName = keyof typeof BENCHMARKS;
