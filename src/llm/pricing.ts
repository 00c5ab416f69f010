/**
 * Token prices and the cost of one request. The table holds list prices in US dollars per million
 * tokens; each price can be overridden by configuration, so a new or renamed model needs no
 * release. Prices change: check them against the provider's page when the table is touched.
 */
import type { Usage } from "../pipeline/types.js";

/** US dollars per million tokens. */
export interface Prices {
  readonly inputPerM: number;
  /** Input tokens served from the provider's prompt cache. */
  readonly cachedInputPerM: number;
  readonly outputPerM: number;
}

/** OpenAI list prices for standard (not batch) requests, by model family. */
export const KNOWN_PRICES: Readonly<Record<string, Prices>> = {
  "gpt-4o": { inputPerM: 2.5, cachedInputPerM: 1.25, outputPerM: 10 },
  "gpt-4o-mini": { inputPerM: 0.15, cachedInputPerM: 0.075, outputPerM: 0.6 },
  "gpt-4.1": { inputPerM: 2, cachedInputPerM: 0.5, outputPerM: 8 },
  "gpt-4.1-mini": { inputPerM: 0.4, cachedInputPerM: 0.1, outputPerM: 1.6 },
  "gpt-4.1-nano": { inputPerM: 0.1, cachedInputPerM: 0.025, outputPerM: 0.4 },
  "gpt-5": { inputPerM: 1.25, cachedInputPerM: 0.125, outputPerM: 10 },
  "gpt-5-mini": { inputPerM: 0.25, cachedInputPerM: 0.025, outputPerM: 2 },
  "gpt-5-nano": { inputPerM: 0.05, cachedInputPerM: 0.005, outputPerM: 0.4 },
};

/**
 * The prices for a model: the table entry whose name is the longest prefix of `model` (so a dated
 * snapshot such as "gpt-4o-2024-08-06" finds "gpt-4o"), with `overrides` on top. A model missing
 * from the table needs at least the input and output prices; cached input then costs as input.
 * Returns undefined when the prices cannot be known.
 */
export function pricesFor(model: string, overrides: Partial<Prices> = {}): Prices | undefined {
  const family = Object.keys(KNOWN_PRICES)
    .filter((name) => model === name || model.startsWith(`${name}-`))
    .sort((a, b) => b.length - a.length)[0];
  const known = family === undefined ? undefined : KNOWN_PRICES[family];

  const inputPerM = overrides.inputPerM ?? known?.inputPerM;
  const outputPerM = overrides.outputPerM ?? known?.outputPerM;
  if (inputPerM === undefined || outputPerM === undefined) return undefined;

  const cachedInputPerM =
    overrides.cachedInputPerM ??
    (overrides.inputPerM === undefined ? known?.cachedInputPerM : undefined) ??
    inputPerM;
  return { inputPerM, cachedInputPerM, outputPerM };
}

/** The cost of one request in US dollars. Cached tokens are part of the input tokens. */
export function costUsd(usage: Usage, prices: Prices): number {
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const fresh = usage.inputTokens - cached;
  const dollars =
    fresh * prices.inputPerM +
    cached * prices.cachedInputPerM +
    usage.outputTokens * prices.outputPerM;
  return dollars / 1_000_000;
}
