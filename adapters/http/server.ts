/**
 * The HTTP front end: a node:http server for the plan API, the health and metrics endpoints, and
 * any route another front end mounts (the Telegram webhook). It owns routing, the error boundary,
 * request logs and graceful shutdown: on {@link HttpServer.stop} it refuses new work, lets
 * running plan streams finish within the grace period, ends whatever is left, then closes.
 */
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Planning } from "../../src/planning.js";
import { type Clock, type Logger, systemClock } from "../../src/ports.js";
import type { LimitRule } from "../../src/store/types.js";
import { checkExposure, createAuth } from "./auth.js";
import { HttpError, sendError } from "./errors.js";
import { apiRoutes, type HealthReport, type MetricsEndpoint, type Route } from "./routes.js";
import { SSE_DEFAULTS } from "./sse.js";

export const HTTP_DEFAULTS = {
  maxBodyBytes: 16_384, // 16 KiB: a profile is well under 1 KiB
  heartbeatMs: SSE_DEFAULTS.heartbeatMs,
  headersTimeoutMs: 10_000, // 10 s to send the request headers
  requestTimeoutMs: 30_000, // 30 s to send the whole request (not the streamed answer)
  abortWaitMs: 2_000, // 2 s for streams cut off at the end of the grace period to say so
} as const;

export interface HttpDeps {
  readonly planning: Planning;
  readonly logger: Logger;
  /** Where to listen. Port 0 picks a free port; see {@link HttpServer.port}. */
  readonly host: string;
  readonly port: number;
  /** Bearer keys; empty means open, which is allowed on a loopback host only. */
  readonly apiKeys: readonly string[];
  /** The plan limit, for the RateLimit headers. */
  readonly limit: LimitRule;
  readonly health: () => HealthReport | Promise<HealthReport>;
  readonly metrics?: MetricsEndpoint;
  /** Routes of other front ends, served as they are: no API key, no body parsing. */
  readonly routes?: readonly Route[];
  readonly clock?: Clock;
  readonly newId?: () => string;
  readonly options?: Partial<Record<keyof typeof HTTP_DEFAULTS, number>>;
}

/** A running HTTP front end. */
export interface HttpServer {
  readonly name: "http";
  /** The bound port, useful when 0 was asked for. */
  readonly port: number;
  readonly url: string;
  /** Stops taking new work and lets running streams finish within `graceMs`. */
  stop(graceMs: number): Promise<void>;
}

// Probes and scrapes keep being answered while draining, so supervisors can watch the shutdown.
const ALWAYS_OPEN = new Set(["/healthz", "/readyz", "/metrics"]);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Starts listening; throws when the host is reachable from outside and no keys are set. */
export async function startHttp(deps: HttpDeps): Promise<HttpServer> {
  checkExposure(deps.host, deps.apiKeys);
  const options = { ...HTTP_DEFAULTS, ...deps.options };
  const clock = deps.clock ?? systemClock;
  const newId = deps.newId ?? randomUUID;

  let draining = false;
  const streams = new Map<symbol, { stop: () => void; ended: Promise<void> }>();

  const routes = apiRoutes({
    planning: deps.planning,
    auth: createAuth(deps.apiKeys),
    limit: deps.limit,
    maxBodyBytes: options.maxBodyBytes,
    heartbeatMs: options.heartbeatMs,
    health: deps.health,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
    isDraining: () => draining,
    track(stop) {
      const id = Symbol("stream");
      let end = () => {};
      const ended = new Promise<void>((resolve) => {
        end = resolve;
      });
      streams.set(id, { stop, ended });
      return () => {
        streams.delete(id);
        end();
      };
    },
  });
  const table = new Map<string, Route>();
  for (const route of [...routes, ...(deps.routes ?? [])]) {
    const key = `${route.method} ${route.path}`;
    if (table.has(key)) throw new Error(`two HTTP routes for ${key}`);
    table.set(key, route);
  }

  function find(req: IncomingMessage): Route {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const route = table.get(`${req.method} ${path}`);
    if (route) {
      if (draining && !ALWAYS_OPEN.has(path)) {
        throw new HttpError(503, "shutting_down", "The server is restarting. Please retry.", {
          "retry-after": "5",
        });
      }
      return route;
    }
    const allowed = [...table.values()].filter((r) => r.path === path).map((r) => r.method);
    if (allowed.length > 0) {
      throw new HttpError(405, "method_not_allowed", `Use ${allowed.join(" or ")} here.`, {
        allow: allowed.join(", "),
      });
    }
    throw new HttpError(404, "not_found", "There is nothing here.");
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = clock();
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const log = deps.logger.child({ requestId: newId(), method: req.method, path });
    if (draining) res.setHeader("connection", "close");
    try {
      await find(req).handler(req, res, { log });
    } catch (error) {
      sendError(res, error, log);
    }
    const fields = { status: res.statusCode, durationMs: clock() - started };
    if (ALWAYS_OPEN.has(path)) log.debug(fields, "request");
    else log.info(fields, "request");
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.headersTimeout = options.headersTimeoutMs;
  server.requestTimeout = options.requestTimeoutMs;
  server.listen(deps.port, deps.host);
  await once(server, "listening");

  const { port } = server.address() as AddressInfo;
  const hostForUrl = deps.host.includes(":") ? `[${deps.host}]` : deps.host;
  deps.logger.info(
    { host: deps.host, port, apiKeys: deps.apiKeys.length > 0 },
    "HTTP API listening",
  );

  /** Waits until no stream runs, or `ms` pass; a request admitted just before stop() counts. */
  async function streamsEnded(ms: number): Promise<boolean> {
    const deadline = clock() + ms;
    while (streams.size > 0) {
      const left = deadline - clock();
      if (left <= 0) return false;
      await Promise.race([Promise.all([...streams.values()].map((s) => s.ended)), sleep(left)]);
    }
    return true;
  }

  return {
    name: "http",
    port,
    url: `http://${hostForUrl}:${port}`,
    async stop(graceMs) {
      if (draining) return;
      // Still listening while draining: probes see /readyz turn 503 and new work is refused with
      // a status a client or a load balancer understands, rather than a refused connection.
      draining = true;

      deps.logger.info({ streams: streams.size, graceMs }, "HTTP API draining");
      if (!(await streamsEnded(graceMs))) {
        deps.logger.warn({ streams: streams.size }, "grace period over; ending streams");
        for (const stream of streams.values()) stream.stop();
        await streamsEnded(options.abortWaitMs);
      }
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      deps.logger.info({}, "HTTP API stopped");
    },
  };
}
