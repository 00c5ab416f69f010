import type { Usage } from "../pipeline/types.js";

/**
 * The one error class for everything that goes wrong talking to an LLM. The pipeline catches it
 * and falls back to the built-in planner; `kind` says why, for logs and metrics. The message never
 * holds the API key, the prompt or the model's text.
 */

export type LlmErrorKind =
  /** No first token, or no finished answer, within the time allowed. */
  | "timeout"
  /** The model declined, or a content filter stopped it. */
  | "refused"
  /** The answer hit the token budget before the plan was complete. */
  | "truncated"
  /** The answer held no plan in the agreed format. */
  | "malformed"
  /** The server answered with an HTTP error, after the bounded retries. */
  | "http"
  /** The connection failed or dropped mid-answer. */
  | "network"
  /** The caller cancelled: the user left or pressed cancel. */
  | "aborted";

export interface LlmErrorDetails {
  readonly status?: number;
  /** Seconds the server asked us to wait, when it said so. */
  readonly retryAfterSeconds?: number;
  /** How many requests were made, retries included. */
  readonly attempts?: number;
  /** Tokens spent on an answer that could not be used, so they are still accounted. */
  readonly usage?: Usage;
  readonly costUsd?: number;
  readonly cause?: unknown;
}

export class LlmError extends Error {
  override readonly name = "LlmError";
  readonly kind: LlmErrorKind;
  readonly status: number | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly attempts: number | undefined;
  readonly usage: Usage | undefined;
  readonly costUsd: number | undefined;

  constructor(kind: LlmErrorKind, message: string, details: LlmErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.status = details.status;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.attempts = details.attempts;
    this.usage = details.usage;
    this.costUsd = details.costUsd;
  }
}

export function isLlmError(error: unknown): error is LlmError {
  return error instanceof LlmError;
}
