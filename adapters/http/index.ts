/**
 * The HTTP front end as the entry point starts it: configuration and services in, a running
 * server out. Other front ends reach the shared server only through {@link Route}s handed in here.
 */
import { PLANNING_DEFAULTS } from "../../src/planning.js";
import type { Services } from "../compose.js";
import { parseApiKeys } from "./auth.js";
import type { HealthReport, MetricsEndpoint, Route } from "./routes.js";
import { type HttpServer, startHttp } from "./server.js";

export type { HealthReport, MetricsEndpoint, Route } from "./routes.js";
export type { HttpServer } from "./server.js";

export interface HttpFrontEndOptions {
  /** Serves `GET /metrics`; without it that path answers 404. */
  readonly metrics?: MetricsEndpoint;
  /** Routes of other front ends on the same server, such as the Telegram webhook. */
  readonly routes?: readonly Route[];
}

/** Starts the API on HTTP_HOST:HTTP_PORT. Throws when HTTP_PORT is unset or the host is unsafe. */
export function startHttpApi(
  services: Services,
  options: HttpFrontEndOptions = {},
): Promise<HttpServer> {
  const { config } = services;
  if (config.HTTP_PORT === undefined) throw new Error("HTTP_PORT is not set");

  const health = (): HealthReport => {
    const redis = services.redisUp();
    return {
      store: services.store.kind,
      ...(redis === undefined ? {} : { redis: redis ? "up" : "down" }),
      llmConfigured: services.llmConfigured,
    };
  };
  return startHttp({
    planning: services.planning,
    logger: services.logger.child({ frontEnd: "http" }),
    host: config.HTTP_HOST,
    port: config.HTTP_PORT,
    apiKeys: parseApiKeys(config.HTTP_API_KEYS),
    limit: { limit: config.PLAN_LIMIT_PER_HOUR, windowMs: PLANNING_DEFAULTS.windowMs },
    health,
    clock: services.clock,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.routes ? { routes: options.routes } : {}),
  });
}
