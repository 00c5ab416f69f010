/**
 * The HTTP API's error boundary. Refusals the client can act on are {@link HttpError}s, answered
 * as a small JSON document; anything else is logged and answered with a plain 500, so a client
 * never sees a stack trace, a path or a secret.
 */
import type { ServerResponse } from "node:http";
import type { Logger } from "../../src/ports.js";

/** One bad field of a request body. */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/** A refusal with a status, a stable machine code and a sentence a person can read. */
export class HttpError extends Error {
  override readonly name = "HttpError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
    readonly issues?: readonly FieldIssue[],
  ) {
    super(message);
  }
}

/** The body of every error answer: `{ "error": { "code", "message", "issues"? } }`. */
export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly issues?: readonly FieldIssue[];
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  res.end(text);
}

/**
 * Answers a failed request. Once an event stream has begun the status line is gone, so the stream
 * is simply ended; the plan route reports its own failures as `error` events before that.
 */
export function sendError(res: ServerResponse, error: unknown, logger: Logger): void {
  if (!(error instanceof HttpError)) {
    logger.error({ err: error }, "request failed");
  }
  if (res.headersSent) {
    res.end();
    return;
  }
  if (error instanceof HttpError) {
    const body: ErrorBody = {
      error: {
        code: error.code,
        message: error.message,
        ...(error.issues ? { issues: error.issues } : {}),
      },
    };
    sendJson(res, error.status, body, error.headers);
    return;
  }
  sendJson(res, 500, {
    error: { code: "internal", message: "Something went wrong on our side. Please try again." },
  } satisfies ErrorBody);
}
