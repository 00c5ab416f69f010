/**
 * Opening the streamed request: bounded retries with backoff for 429, 5xx and dropped
 * connections, honouring retry-after, and never past the request's deadline. Errors of every
 * origin become an {@link LlmError}; the API key is never part of one.
 */
import OpenAI from "openai";
import type { Logger } from "../ports.js";
import { LlmError } from "./errors.js";

export interface RetryPolicy {
  /** Requests in all, the first one included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A longer retry-after than this is not waited for. */
  readonly maxRetryAfterMs: number;
}

export type ChatStream = AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>;

export interface OpenStreamOptions {
  /** Makes one request; its own signal and first-token timer are the caller's business. */
  readonly open: (attempt: number) => Promise<ChatStream>;
  readonly retry: RetryPolicy;
  /** Milliseconds left before the whole request must be done. */
  readonly remainingMs: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly random: () => number;
  /** Aborted when the caller cancels or the total time is up. */
  readonly signal: AbortSignal;
  /** Called when a 400 asks for a different request; returns true when it changed something. */
  readonly adapt: (error: unknown) => boolean;
  readonly logger: Logger;
}

export interface OpenedStream {
  readonly stream: ChatStream;
  readonly attempts: number;
}

/** Opens the stream, retrying what is worth retrying. SDK errors that are not retried rethrow. */
export async function openStream(options: OpenStreamOptions): Promise<OpenedStream> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const stream = await options.open(attempt);
      return { stream, attempts: attempt };
    } catch (error) {
      if (options.signal.aborted || !(error instanceof OpenAI.APIError)) throw error;
      if (error instanceof OpenAI.APIUserAbortError) throw error;

      if (error.status === 400 && attempt < options.retry.maxAttempts && options.adapt(error)) {
        continue;
      }
      const delayMs = retryDelayMs(error, attempt, options);
      if (delayMs === undefined) throw httpError(error, attempt);

      options.logger.warn(
        { status: error.status, attempt, delayMs: Math.round(delayMs) },
        "llm request failed, retrying",
      );
      await options.sleep(delayMs, options.signal);
    }
  }
}

/** How long to wait before the next attempt, or undefined to give up now. */
function retryDelayMs(
  error: InstanceType<typeof OpenAI.APIError>,
  attempt: number,
  options: OpenStreamOptions,
): number | undefined {
  if (attempt >= options.retry.maxAttempts || !isRetryable(error)) return undefined;

  const asked = retryAfterMs(error.headers);
  if (asked !== undefined && asked > options.retry.maxRetryAfterMs) return undefined;

  const backoff = Math.min(
    options.retry.maxDelayMs,
    options.retry.baseDelayMs * 2 ** (attempt - 1),
  );
  // Jitter spreads the retries of many instances hit by the same outage.
  const delay = asked ?? backoff * (0.5 + options.random() / 2);
  return delay < options.remainingMs() ? delay : undefined;
}

function isRetryable(error: InstanceType<typeof OpenAI.APIError>): boolean {
  if (error instanceof OpenAI.APIConnectionError) return true;
  const status = error.status ?? 0;
  // A 429 for an exhausted quota stays one until someone pays; waiting does not help.
  if (status === 429 && error.code === "insufficient_quota") return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Reads retry-after-ms, or retry-after as seconds or an HTTP date. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = Number(headers?.get("retry-after-ms") ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;

  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1_000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The SDK's error as ours: status and retry-after kept, the server's text kept out. */
export function httpError(error: InstanceType<typeof OpenAI.APIError>, attempts: number): LlmError {
  if (error instanceof OpenAI.APIConnectionError) {
    return new LlmError("network", "could not reach the LLM server", {
      attempts,
      cause: error.cause,
    });
  }
  const retryAfter = retryAfterMs(error.headers);
  return new LlmError("http", `the LLM server answered HTTP ${error.status ?? "error"}`, {
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(retryAfter === undefined ? {} : { retryAfterSeconds: Math.ceil(retryAfter / 1_000) }),
    attempts,
  });
}
