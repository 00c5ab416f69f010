import { describe, expect, it } from "vitest";
import { costUsd, KNOWN_PRICES, pricesFor } from "../../src/llm/pricing.js";

describe("pricesFor", () => {
  it("finds a dated snapshot by its family, preferring the longest name", () => {
    expect(pricesFor("gpt-4o-2024-08-06")).toEqual(KNOWN_PRICES["gpt-4o"]);
    expect(pricesFor("gpt-4o-mini-2024-07-18")).toEqual(KNOWN_PRICES["gpt-4o-mini"]);
    expect(pricesFor("gpt-4.1-mini")).toEqual(KNOWN_PRICES["gpt-4.1-mini"]);
  });

  it("lets configuration override any price", () => {
    expect(pricesFor("gpt-4o", { outputPerM: 12 })).toEqual({
      inputPerM: 2.5,
      cachedInputPerM: 1.25,
      outputPerM: 12,
    });
  });

  it("prices an unknown model from overrides, cached input as input unless given", () => {
    expect(pricesFor("llama-3.1-8b", { inputPerM: 0.1, outputPerM: 0.2 })).toEqual({
      inputPerM: 0.1,
      cachedInputPerM: 0.1,
      outputPerM: 0.2,
    });
    expect(pricesFor("llama-3.1-8b", { inputPerM: 0 })).toBeUndefined();
    expect(pricesFor("gpt-4omega")).toBeUndefined();
  });
});

describe("costUsd", () => {
  it("charges cached input at its own price and counts it once", () => {
    const prices = { inputPerM: 2, cachedInputPerM: 1, outputPerM: 10 };
    const usage = {
      inputTokens: 1_000,
      cachedInputTokens: 400,
      outputTokens: 500,
      estimated: false,
    };
    expect(costUsd(usage, prices)).toBeCloseTo((600 * 2 + 400 * 1 + 500 * 10) / 1e6, 12);
  });

  it("is zero for a free local model", () => {
    const usage = { inputTokens: 700, cachedInputTokens: 0, outputTokens: 400, estimated: true };
    expect(costUsd(usage, { inputPerM: 0, cachedInputPerM: 0, outputPerM: 0 })).toBe(0);
  });
});
