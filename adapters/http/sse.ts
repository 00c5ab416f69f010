/**
 * Server-sent events for the plan stream. Headers go out at once and each event is written as it
 * happens, with the headers that keep proxies from buffering; a comment line every so often keeps
 * idle proxies from closing a stream that is waiting for its first token.
 */
import { once } from "node:events";
import type { ServerResponse } from "node:http";
import type { PlanEvent } from "../../src/pipeline/types.js";

export const SSE_DEFAULTS = {
  heartbeatMs: 15_000, // 15 s: below the idle timeout of common proxies (often 30 to 60 s)
} as const;

/** The event names of the plan stream, in the order they can appear. */
export type SseEventName = "stage" | "text" | "plan" | "error" | "done";

export interface SseStream {
  /** Writes one event, waiting while the client is slow to read. False once the client is gone. */
  send(event: SseEventName, data: unknown): Promise<boolean>;
  end(): void;
}

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
} as const;

/** One event in the wire format. Data is JSON, so it never holds a raw newline. */
export function formatEvent(event: SseEventName, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Resolves when the client has read the backlog, or has gone. */
async function waitForDrain(res: ServerResponse): Promise<void> {
  const settled = new AbortController();
  const { signal } = settled;
  try {
    await Promise.race([once(res, "drain", { signal }), once(res, "close", { signal })]);
  } catch {
    // An 'error' on the response ends the wait too; send() then reports the client as gone.
  } finally {
    settled.abort();
  }
}

/** Starts the event stream on `res`: status 200, headers flushed, heartbeat running. */
export function openSse(
  res: ServerResponse,
  headers: Readonly<Record<string, string>> = {},
  heartbeatMs: number = SSE_DEFAULTS.heartbeatMs,
): SseStream {
  res.writeHead(200, { ...headers, ...SSE_HEADERS });
  res.flushHeaders();
  res.socket?.setNoDelay(true);

  const heartbeat = setInterval(() => {
    if (!res.writableEnded && !res.destroyed) res.write(": keep-alive\n\n");
  }, heartbeatMs);
  heartbeat.unref();
  res.once("close", () => clearInterval(heartbeat));

  return {
    async send(event, data) {
      if (res.writableEnded || res.destroyed) return false;
      if (!res.write(formatEvent(event, data))) {
        await waitForDrain(res);
      }
      return !res.destroyed;
    },
    end() {
      clearInterval(heartbeat);
      if (!res.writableEnded) res.end();
    },
  };
}

/**
 * A pipeline event as the API shows it: `done` becomes `plan` (the plan, its meta and its text),
 * `failed` becomes `error`. The closing `done` event is the route's to send.
 */
export function toSse(event: PlanEvent): { name: SseEventName; data: unknown } {
  switch (event.type) {
    case "stage":
      return { name: "stage", data: { stage: event.stage, state: event.state } };
    case "text":
      return { name: "text", data: { text: event.text } };
    case "done":
      return { name: "plan", data: { plan: event.plan, meta: event.meta, text: event.text } };
    case "failed":
      return { name: "error", data: { message: event.message } };
  }
}
