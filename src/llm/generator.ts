/**
 * The LLM plan generator: one streamed chat completion, read line by line, with a time limit on
 * the first token and on the whole answer, bounded retries, and usage and cost on every outcome.
 * Whatever goes wrong ends in an {@link LlmError}, on which the pipeline falls back to the
 * built-in planner.
 */
import OpenAI from "openai";
import type { GenerateContext, GeneratorChunk, PlanGenerator, Usage } from "../pipeline/types.js";
import type { Clock, Logger } from "../ports.js";
import { systemClock } from "../ports.js";
import type { Profile } from "../profile/schema.js";
import { createDecoder } from "./decode.js";
import { LlmError } from "./errors.js";
import { createLeakGuard } from "./leak.js";
import { costUsd, type Prices } from "./pricing.js";
import { buildMessages, type ChatMessage, PROMPT_VERSION, SYSTEM_PROMPT } from "./prompt.js";
import { type ChatStream, httpError, openStream, type RetryPolicy } from "./request.js";
import { createPlanStreamParser } from "./stream-parser.js";
import { type ExerciseMenu, exerciseMenu } from "./targets.js";
import { estimateUsage, usageFromWire, type WireUsage } from "./usage.js";

export interface LlmTimeouts {
  /** From sending a request to the first token of the answer. */
  readonly firstTokenMs: number;
  /** From the start to the end of the answer, retries included. */
  readonly totalMs: number;
}

export const LLM_DEFAULTS = {
  /** The longest measured plan is about 360 tokens, so this leaves room; see docs/LLM.md. */
  maxOutputTokens: 600,
  timeouts: { firstTokenMs: 15_000, totalMs: 60_000 }, // 15 s, 1 min
  retry: { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 4_000, maxRetryAfterMs: 10_000 },
} as const satisfies {
  maxOutputTokens: number;
  timeouts: LlmTimeouts;
  retry: RetryPolicy;
};

export interface LlmGeneratorDeps {
  readonly client: OpenAI;
  /** Chosen by configuration; no model name is wired into the code. */
  readonly model: string;
  readonly prices: Prices;
  readonly maxOutputTokens?: number;
  readonly timeouts?: Partial<LlmTimeouts>;
  readonly retry?: Partial<RetryPolicy>;
  /** The exercises the prompt offers for a profile; a trimmed list from the library by default. */
  readonly exercises?: (profile: Profile) => ExerciseMenu;
  readonly clock?: Clock;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly logger: Logger;
}

const REFUSAL = /\b(sorry|can(?:no|')t|unable to|not able to)\b/i;

/** A plan generator backed by any OpenAI-compatible chat-completions API. */
export function createLlmGenerator(deps: LlmGeneratorDeps): PlanGenerator {
  const id = `llm:${deps.model}@${PROMPT_VERSION}`;
  const timeouts = { ...LLM_DEFAULTS.timeouts, ...deps.timeouts };
  const retry = { ...LLM_DEFAULTS.retry, ...deps.retry };
  const maxOutputTokens = deps.maxOutputTokens ?? LLM_DEFAULTS.maxOutputTokens;
  const clock = deps.clock ?? systemClock;
  const sleep = abortable(deps.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms))));
  const isLeak = createLeakGuard(SYSTEM_PROMPT);
  const menu = deps.exercises ?? exerciseMenu;
  // Some servers only know max_tokens, and OpenAI refuses both at once: send both until refused.
  let sendMaxTokens = true;

  function body(messages: readonly ChatMessage[]) {
    return {
      model: deps.model,
      messages: [...messages],
      stream: true as const,
      stream_options: { include_usage: true },
      max_completion_tokens: maxOutputTokens,
      ...(sendMaxTokens ? { max_tokens: maxOutputTokens } : {}),
    };
  }

  function adapt(error: unknown): boolean {
    const mentionsMaxTokens =
      error instanceof OpenAI.APIError &&
      (error.param === "max_tokens" || /max_tokens/.test(error.message));
    if (!sendMaxTokens || !mentionsMaxTokens) return false;
    sendMaxTokens = false;
    deps.logger.info(
      { model: deps.model },
      "llm server refuses max_tokens; sending only max_completion_tokens",
    );
    return true;
  }

  async function* generate(
    profile: Profile,
    context: GenerateContext,
  ): AsyncGenerator<GeneratorChunk> {
    const started = clock();
    const log = deps.logger.child({ generator: id });
    const messages = buildMessages(profile, context, menu(profile));
    const total = new AbortController();
    const totalTimer = setTimeout(() => total.abort(), timeouts.totalMs);
    const whole = AbortSignal.any([context.signal, total.signal]);
    let attemptAbort = new AbortController();
    let firstTokenTimer: NodeJS.Timeout | undefined;
    let attempts = 0;

    function failure(error: unknown, details: { usage?: Usage; costUsd?: number } = {}): LlmError {
      const common = { attempts, ...details };
      if (context.signal.aborted)
        return new LlmError("aborted", "the request was cancelled", common);
      if (total.signal.aborted)
        return new LlmError("timeout", "the LLM did not finish in time", common);
      if (attemptAbort.signal.aborted) {
        return new LlmError("timeout", "the LLM sent no first token in time", common);
      }
      if (error instanceof LlmError) return error;
      if (error instanceof OpenAI.APIError) return httpError(error, attempts);
      return new LlmError("network", "the LLM stream broke off", { ...common, cause: error });
    }

    async function open(attempt: number): Promise<ChatStream> {
      attempts = attempt;
      const own = new AbortController();
      attemptAbort = own;
      clearTimeout(firstTokenTimer);
      firstTokenTimer = setTimeout(() => own.abort(), timeouts.firstTokenMs);
      try {
        return await deps.client.chat.completions.create(body(messages), {
          signal: AbortSignal.any([whole, own.signal]),
        });
      } catch (error) {
        clearTimeout(firstTokenTimer);
        throw error;
      }
    }

    const parser = createPlanStreamParser(createDecoder(profile), isLeak);
    let refusal = "";
    let finishReason: string | undefined;
    let wireUsage: WireUsage | undefined;
    try {
      const { stream } = await openStream({
        open,
        retry,
        remainingMs: () => timeouts.totalMs - (clock() - started),
        sleep: (ms) => sleep(ms, whole),
        random: deps.random ?? Math.random,
        signal: whole,
        adapt,
        logger: log,
      });
      for await (const chunk of stream) {
        if (chunk.usage) wireUsage = chunk.usage;
        const choice = chunk.choices[0];
        if (!choice) continue;
        const { content, refusal: refused } = choice.delta ?? {};
        if (content || refused) clearTimeout(firstTokenTimer);
        if (refused) refusal += refused;
        if (content && parser.push(content)) yield { type: "partial", plan: parser.partial() };
        if (choice.finish_reason) finishReason = choice.finish_reason;
      }
      // The SDK ends the stream quietly when its signal aborts.
      if (whole.aborted || attemptAbort.signal.aborted) throw failure(undefined);
    } catch (error) {
      throw failure(error);
    } finally {
      clearTimeout(totalTimer);
      clearTimeout(firstTokenTimer);
      // Closes the connection when the consumer stopped early; a no-op after a full answer.
      attemptAbort.abort();
    }

    const answer = parser.finish(finishReason === "stop");
    const usage = usageFromWire(wireUsage) ?? (await estimateUsage(messages, answer.text));
    const cost = costUsd(usage, deps.prices);
    const spent = { usage, costUsd: cost };
    log.info(
      {
        model: deps.model,
        attempts,
        finishReason: finishReason ?? "none",
        inputTokens: usage.inputTokens,
        cachedInputTokens: usage.cachedInputTokens,
        outputTokens: usage.outputTokens,
        usageEstimated: usage.estimated,
        costUsd: cost,
        durationMs: clock() - started,
        days: answer.days,
        leakedLines: answer.leaked,
      },
      "llm answer received",
    );

    if (refusal !== "" || finishReason === "content_filter") {
      throw new LlmError("refused", "the LLM declined to write a plan", { attempts, ...spent });
    }
    if (finishReason === undefined) {
      throw new LlmError("network", "the LLM stream ended before the answer did", {
        attempts,
        ...spent,
      });
    }
    // A cut in the notes, or after the last day began, leaves a plan worth judging.
    const usable = answer.days > 0 && (answer.reachedNotes || answer.days >= profile.daysPerWeek);
    if (finishReason === "length" && !usable) {
      throw new LlmError("truncated", "the plan did not fit the token budget", {
        attempts,
        ...spent,
      });
    }
    if (answer.days === 0) {
      const kind = REFUSAL.test(answer.text) ? "refused" : "malformed";
      throw new LlmError(kind, "the LLM answer held no plan", { attempts, ...spent });
    }
    yield { type: "final", candidate: answer.candidate, ...spent };
  }

  return { id, source: "llm", generate };
}

/** A sleep that ends early, rejecting, when the signal aborts. */
function abortable(sleep: (ms: number) => Promise<void>) {
  return (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const onAbort = () => reject(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      sleep(ms).then(() => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      }, reject);
    });
}
