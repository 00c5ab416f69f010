import { describe, expect, it } from "vitest";
import { parseConfig, secretsOf } from "../src/config.js";

describe("parseConfig", () => {
  it("runs with no variables at all: terminal chat, built-in planner, in-process store", () => {
    const result = parseConfig({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.OPENAI_API_KEY).toBeUndefined();
    expect(result.config.REDIS_URL).toBeUndefined();
    expect(result.config.PLAN_LIMIT_PER_HOUR).toBe(10);
    expect(result.config.CACHE_TTL_SECONDS).toBe(3_600);
  });

  it("names every bad variable at once and never repeats its value", () => {
    const result = parseConfig({
      HTTP_PORT: "70000",
      REDIS_URL: "not a url",
      PLAN_LIMIT_PER_HOUR: "-3",
      OPENAI_API_KEY: "sk-very-secret",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const fields = result.problems.map((problem) => problem.split(":")[0]);
    expect(fields).toEqual(
      expect.arrayContaining(["HTTP_PORT", "REDIS_URL", "PLAN_LIMIT_PER_HOUR", "OPENAI_MODEL"]),
    );
    expect(result.problems.join("\n")).not.toContain("sk-very-secret");
    expect(result.problems.join("\n")).not.toContain("not a url");
  });

  it("treats blank variables as unset", () => {
    const result = parseConfig({
      OPENAI_API_KEY: "  ",
      TELEGRAM_BOT_TOKEN: "",
      HTTP_PORT: "",
      LLM_PRICE_INPUT_PER_M: "",
      PLAN_LIMIT_PER_HOUR: " ",
    });
    if (!result.ok) throw new Error(result.problems.join("\n"));
    expect(result.config.HTTP_PORT).toBeUndefined();
    expect(result.config.LLM_PRICE_INPUT_PER_M).toBeUndefined();
    expect(result.config.PLAN_LIMIT_PER_HOUR).toBe(10);
  });

  it("refuses a Telegram webhook without the HTTP server that would receive it", () => {
    const result = parseConfig({
      TELEGRAM_BOT_TOKEN: "1:a",
      TELEGRAM_WEBHOOK_URL: "https://x.example/tg",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.some((problem) => problem.startsWith("HTTP_PORT:"))).toBe(true);
  });

  it("asks for prices when the model is not in the price table", () => {
    const result = parseConfig({ OPENAI_API_KEY: "sk-1", OPENAI_MODEL: "my-local-model" });
    expect(result.ok).toBe(false);
    const withPrices = parseConfig({
      OPENAI_API_KEY: "sk-1",
      OPENAI_MODEL: "my-local-model",
      LLM_PRICE_INPUT_PER_M: "0",
      LLM_PRICE_OUTPUT_PER_M: "0",
    });
    expect(withPrices.ok).toBe(true);
  });

  it("lists every configured secret for redaction", () => {
    const result = parseConfig({
      OPENAI_API_KEY: "sk-one",
      OPENAI_MODEL: "gpt-4o-mini",
      TELEGRAM_BOT_TOKEN: "123:abc",
      HTTP_API_KEYS: "key-a, key-b",
    });
    if (!result.ok) throw new Error(result.problems.join("\n"));
    expect(secretsOf(result.config).sort()).toEqual(["123:abc", "key-a", "key-b", "sk-one"]);
  });
});
