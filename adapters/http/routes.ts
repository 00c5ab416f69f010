/**
 * The API's own routes: `POST /plan` streams a plan as server-sent events; `/healthz`, `/readyz`
 * and `/metrics` are for supervisors and scrapers. Every refusal happens before the plan request
 * reaches the limiter or a generator, so bad input never costs a token or a slot in the window.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { MESSAGES } from "../../src/messages.js";
import type { Planning } from "../../src/planning.js";
import type { Logger } from "../../src/ports.js";
import type { LimitRule } from "../../src/store/types.js";
import { type Auth, limitKeyOf } from "./auth.js";
import { readJsonBody } from "./body.js";
import { HttpError, sendJson } from "./errors.js";
import { openSse, toSse } from "./sse.js";

/** A route on the shared server. Other front ends mount theirs, such as the Telegram webhook. */
export interface Route {
  readonly method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
  /** The exact path, without a query string: `/telegram/webhook`. */
  readonly path: string;
  /** Answers the request. A thrown {@link HttpError} becomes its status; anything else a 500. */
  handler(req: IncomingMessage, res: ServerResponse, context: RequestContext): Promise<void> | void;
}

/** What the server hands every handler along with the request. */
export interface RequestContext {
  /** A child logger carrying the request id, method and path. */
  readonly log: Logger;
}

/** What `/healthz` reports: states only, never a URL, a host or a key. */
export interface HealthReport {
  readonly store: "memory" | "redis";
  /** Whether Redis answers right now; absent without Redis. */
  readonly redis?: "up" | "down";
  readonly llmConfigured: boolean;
}

/** Renders `/metrics`; a {@link PrometheusMetrics} fits. */
export interface MetricsEndpoint {
  readonly contentType: string;
  render(): Promise<string>;
}

export interface RouteContext {
  readonly planning: Planning;
  readonly auth: Auth;
  /** The plan limit, for the RateLimit headers of a 429. */
  readonly limit: LimitRule;
  readonly maxBodyBytes: number;
  readonly heartbeatMs: number;
  readonly health: () => HealthReport | Promise<HealthReport>;
  readonly metrics?: MetricsEndpoint;
  isDraining(): boolean;
  /** Registers a running stream for shutdown; `stop` is called if the grace period runs out. */
  track(stop: () => void): () => void;
}

const SHUTDOWN = Symbol("shutdown");

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1_000));

async function streamPlan(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: RouteContext,
  request: RequestContext,
) {
  const caller = ctx.auth.identify(req);
  const profile = await readJsonBody(req, ctx.maxBodyBytes);

  // A client that hangs up stops generation: the signal reaches the generator and the LLM call.
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const log = request.log.child({ caller: caller.kind });

  const outcome = await ctx.planning.request({
    limitKey: limitKeyOf(caller),
    profile,
    signal: controller.signal,
  });
  if (outcome.kind === "invalid") {
    throw new HttpError(
      422,
      "invalid_profile",
      "The profile has invalid fields; see issues.",
      {},
      outcome.validated.issues,
    );
  }
  if (outcome.kind === "limited") {
    const wait = String(seconds(outcome.retryAfterMs));
    throw new HttpError(429, "rate_limited", outcome.message, {
      "retry-after": wait,
      "ratelimit-limit": String(ctx.limit.limit),
      "ratelimit-remaining": "0",
      "ratelimit-reset": wait,
    });
  }

  const untrack = ctx.track(() => controller.abort(SHUTDOWN));
  const sse = openSse(res, {}, ctx.heartbeatMs);
  let delivered = false;
  try {
    for await (const event of outcome.events) {
      if (event.type === "done") delivered = true;
      const { name, data } = toSse(event);
      if (!(await sse.send(name, data))) break;
    }
    if (controller.signal.reason === SHUTDOWN && !delivered) {
      await sse.send("error", { message: "The server is restarting. Please try again shortly." });
    }
  } catch (error) {
    if (!controller.signal.aborted) {
      log.error({ err: error }, "plan stream failed");
      await sse.send("error", { message: MESSAGES.planFailed });
    }
  } finally {
    await sse.send("done", { ok: delivered });
    sse.end();
    untrack();
  }
  log.info({ delivered, aborted: controller.signal.aborted }, "plan stream ended");
}

/** The built-in routes, bound to `ctx`. */
export function apiRoutes(ctx: RouteContext): Route[] {
  return [
    {
      method: "POST",
      path: "/plan",
      handler: (req, res, request) => streamPlan(req, res, ctx, request),
    },
    {
      method: "GET",
      path: "/healthz",
      async handler(_req, res) {
        const report = await ctx.health();
        sendJson(res, 200, { status: "ok", ...report });
      },
    },
    {
      method: "GET",
      path: "/readyz",
      handler(_req, res) {
        if (ctx.isDraining()) {
          sendJson(res, 503, { ready: false, reason: "shutting down" });
        } else {
          sendJson(res, 200, { ready: true });
        }
      },
    },
    {
      method: "GET",
      path: "/metrics",
      async handler(req, res) {
        // Counts reveal traffic, so the scraper needs a key whenever clients do.
        ctx.auth.identify(req);
        if (!ctx.metrics) throw new HttpError(404, "not_found", "Metrics are not enabled.");
        const text = await ctx.metrics.render();
        res.writeHead(200, {
          "content-type": ctx.metrics.contentType,
          "cache-control": "no-store",
        });
        res.end(text);
      },
    },
  ];
}
