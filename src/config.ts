/**
 * Configuration: environment variables only, parsed once at start-up. A bad value stops the
 * program with one line per variable that names it and says what is expected, and never its value.
 */
import { z } from "zod";
import { pricesFor } from "./llm/pricing.js";

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const url = (what: string) =>
  optionalText.pipe(z.url({ error: `expected ${what}, such as http://127.0.0.1:8080` }).optional());

/** Blank strings count as unset, so `X=` in a compose file means "use the default". */
const blankAsUnset = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const positiveInt = (fallback: number, what: string) =>
  z.preprocess(
    blankAsUnset,
    z.coerce
      .number({ error: `expected ${what}` })
      .int({ error: `expected ${what}` })
      .positive({ error: `expected ${what}` })
      .default(fallback),
  );

const nonNegative = (what: string) =>
  z.coerce.number({ error: `expected ${what}` }).min(0, { error: `expected ${what}` });
const optionalNonNegative = (what: string) =>
  z.preprocess(blankAsUnset, nonNegative(what).optional());

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""], { error: "expected true or false" })
  .optional()
  .transform((value) => value === "1" || value === "true" || value === "yes");

export const ConfigSchema = z.object({
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      error: "expected one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),

  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: url("the base URL of an OpenAI-compatible API"),
  OPENAI_MODEL: optionalText,
  LLM_PRICE_INPUT_PER_M: optionalNonNegative("US dollars per million input tokens"),
  LLM_PRICE_CACHED_INPUT_PER_M: optionalNonNegative("US dollars per million cached tokens"),
  LLM_PRICE_OUTPUT_PER_M: optionalNonNegative("US dollars per million output tokens"),
  LLM_MAX_OUTPUT_TOKENS: positiveInt(600, "a whole number of tokens"),
  LLM_FIRST_TOKEN_TIMEOUT_MS: positiveInt(15_000, "milliseconds"), // 15 s
  LLM_TIMEOUT_MS: positiveInt(60_000, "milliseconds"), // 1 min
  LLM_MAX_COST_PER_PLAN_USD: z.preprocess(blankAsUnset, nonNegative("US dollars").default(0.005)),
  LLM_DAILY_BUDGET_USD: z.preprocess(blankAsUnset, nonNegative("US dollars").default(5)),

  REDIS_URL: url("a redis:// URL"),
  REDIS_PREFIX: z.string().trim().min(1, { error: "expected a key prefix" }).default("fitplan:"),

  STATE_TTL_SECONDS: positiveInt(86_400, "a whole number of seconds"), // 1 day
  CACHE_TTL_SECONDS: positiveInt(3_600, "a whole number of seconds"), // 1 hour
  PLAN_LIMIT_PER_HOUR: positiveInt(10, "a whole number of requests"),

  TELEGRAM_BOT_TOKEN: optionalText,
  TELEGRAM_API_ROOT: url("the Bot API server's root URL"),
  TELEGRAM_WEBHOOK_URL: url("the public https URL Telegram should post updates to"),
  TELEGRAM_WEBHOOK_SECRET: optionalText,

  DISCORD_TOKEN: optionalText,
  DISCORD_APP_ID: optionalText,
  DISCORD_API_ROOT: url("the Discord REST API root"),
  DISCORD_SHARDS: optionalText,

  HTTP_PORT: z.preprocess(
    blankAsUnset,
    z.coerce
      .number({ error: "expected a port number from 0 to 65535" })
      .int({ error: "expected a port number from 0 to 65535" })
      .min(0, { error: "expected a port number from 0 to 65535" })
      .max(65_535, { error: "expected a port number from 0 to 65535" })
      .optional(),
  ),
  HTTP_HOST: z.string().trim().default("127.0.0.1"),
  HTTP_API_KEYS: optionalText,
  SHUTDOWN_GRACE_MS: positiveInt(20_000, "milliseconds"), // 20 s

  FITPLAN_CLI: flag,
});

/** Rules between variables, checked on the raw environment so they are reported with the rest. */
function crossCheck(env: Record<string, string | undefined>): string[] {
  const set = (name: string) => Boolean(env[name]?.trim());
  const problems: string[] = [];
  if (set("OPENAI_API_KEY") && !set("OPENAI_MODEL")) {
    problems.push(
      "OPENAI_MODEL: expected a model name whenever OPENAI_API_KEY is set, such as gpt-4o-mini",
    );
  }
  if (set("TELEGRAM_WEBHOOK_URL") && !set("HTTP_PORT")) {
    problems.push(
      "HTTP_PORT: expected a port whenever TELEGRAM_WEBHOOK_URL is set (it serves the webhook)",
    );
  }
  if (set("DISCORD_TOKEN") && !set("DISCORD_APP_ID")) {
    problems.push("DISCORD_APP_ID: expected the application id whenever DISCORD_TOKEN is set");
  }
  return problems;
}

export type Config = z.output<typeof ConfigSchema>;

/** Costs must be known to keep the spend cap honest, so an unknown model needs its prices. */
function priceCheck(config: Config): string[] {
  if (!config.OPENAI_API_KEY || !config.OPENAI_MODEL) return [];
  if (pricesFor(config.OPENAI_MODEL, priceOverrides(config))) return [];
  return [
    `LLM_PRICE_INPUT_PER_M: expected a price, since no prices are known for model ${config.OPENAI_MODEL}; set LLM_PRICE_INPUT_PER_M and LLM_PRICE_OUTPUT_PER_M (0 for a free local model)`,
  ];
}

/** The price overrides given by the environment. */
export function priceOverrides(config: Config) {
  return {
    ...(config.LLM_PRICE_INPUT_PER_M !== undefined
      ? { inputPerM: config.LLM_PRICE_INPUT_PER_M }
      : {}),
    ...(config.LLM_PRICE_CACHED_INPUT_PER_M !== undefined
      ? { cachedInputPerM: config.LLM_PRICE_CACHED_INPUT_PER_M }
      : {}),
    ...(config.LLM_PRICE_OUTPUT_PER_M !== undefined
      ? { outputPerM: config.LLM_PRICE_OUTPUT_PER_M }
      : {}),
  };
}

export type ConfigResult =
  | { readonly ok: true; readonly config: Config }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Parses the environment. Problems name the variable and the expectation, never the value. */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const result = ConfigSchema.safeParse(env);
  const problems = [
    ...(result.success ? [] : result.error.issues).map(
      (issue) => `${issue.path.map(String).join(".") || "environment"}: ${issue.message}`,
    ),
    ...crossCheck(env),
  ];
  if (result.success) problems.push(...priceCheck(result.data));
  if (result.success && problems.length === 0) return { ok: true, config: result.data };
  return { ok: false, problems: [...new Set(problems)] };
}

/** Every configured secret, so that log redaction and tests can check none of them leaks. */
export function secretsOf(config: Config): string[] {
  const secrets = [
    config.OPENAI_API_KEY,
    config.TELEGRAM_BOT_TOKEN,
    config.TELEGRAM_WEBHOOK_SECRET,
    config.DISCORD_TOKEN,
    ...(config.HTTP_API_KEYS?.split(",").map((key) => key.trim()) ?? []),
  ];
  return secrets.filter((secret): secret is string => Boolean(secret?.trim()));
}
