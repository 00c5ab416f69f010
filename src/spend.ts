/**
 * The daily LLM budget. Spend is counted per UTC day through the store, so every instance that
 * shares a Redis shares one total; once the day's total reaches the budget, plans come from the
 * built-in planner until the next UTC day.
 */
import type { Clock } from "./ports.js";
import type { Store } from "./store/types.js";

export interface SpendCapDeps {
  readonly store: Store;
  /** The budget per UTC day in US dollars. Zero allows no LLM spend at all. */
  readonly dailyUsd: number;
  readonly clock: Clock;
}

export interface SpendCap {
  /** Whether today's spend is still below the budget. */
  canSpend(): Promise<boolean>;
  /** Adds the cost of one LLM request to today's total. */
  record(usd: number): Promise<void>;
  /** Today's total in US dollars. */
  today(): Promise<number>;
}

export function createSpendCap(deps: SpendCapDeps): SpendCap {
  const { store, dailyUsd, clock } = deps;
  const today = () => store.getSpend(utcDay(clock()));

  return {
    async canSpend() {
      if (dailyUsd <= 0) return false;
      return (await today()) < dailyUsd;
    },
    async record(usd) {
      if (!Number.isFinite(usd) || usd <= 0) return;
      await store.addSpend(utcDay(clock()), usd);
    },
    today,
  };
}

/** The UTC calendar day of a time, as "2026-12-03". */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
