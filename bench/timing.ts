/** Small timing helpers: run work repeatedly for a while and count how often it ran. */
import { performance } from "node:perf_hooks";

export interface Rate {
  readonly runs: number;
  readonly ms: number;
  readonly perSecond: number;
}

/**
 * Calls `work` with a running index until `ms` have passed (checked every `batch` calls), after
 * a warm-up of a fifth as long that is not counted.
 */
export function rateOf(work: (index: number) => void, ms: number, batch = 20): Rate {
  const warmUntil = performance.now() + ms / 5;
  let index = 0;
  while (performance.now() < warmUntil) for (let i = 0; i < batch; i += 1) work(index++);

  let runs = 0;
  const started = performance.now();
  const until = started + ms;
  let now = started;
  while (now < until) {
    for (let i = 0; i < batch; i += 1) work(index++);
    runs += batch;
    now = performance.now();
  }
  const elapsed = now - started;
  return { runs, ms: elapsed, perSecond: (runs * 1_000) / elapsed };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
