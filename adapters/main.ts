/**
 * The entry point: reads the configuration, builds the services and starts every configured front
 * end. With no tokens it opens the terminal chat on the built-in planner.
 */
import { parseConfig } from "../src/config.js";
import type { PrometheusMetrics } from "../src/prometheus.js";
import type { Notifier } from "../src/schedule/notifier.js";
import { createScheduler } from "../src/schedule/scheduler.js";
import { exitQuietlyOnClosedOutput, runTerminalChat } from "./cli/chat.js";
import { composeServices, type Services } from "./compose.js";
import type { Route } from "./http/index.js";

/** A running front end. */
export interface FrontEnd {
  readonly name: string;
  /** How the weekly scheduler reaches this front end's users, if it can. */
  readonly notifier?: Notifier;
  /** Stops taking new work and lets running work finish within `graceMs`. */
  stop(graceMs: number): Promise<void>;
}

async function startFrontEnds(
  services: Services,
  metrics: PrometheusMetrics | undefined,
): Promise<FrontEnd[]> {
  const running: FrontEnd[] = [];
  // Routes other front ends serve on the HTTP server (the Telegram webhook), added before it
  // starts.
  const routes: Route[] = [];
  const config = services.config;
  // Front ends load only when configured: a process carries no SDK it does not use.
  if (config.TELEGRAM_BOT_TOKEN) {
    const { startTelegram } = await import("./telegram/start.js");
    const telegram = await startTelegram({
      ...services,
      token: config.TELEGRAM_BOT_TOKEN,
      ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
      ...(config.TELEGRAM_WEBHOOK_URL ? { webhookUrl: config.TELEGRAM_WEBHOOK_URL } : {}),
      ...(config.TELEGRAM_WEBHOOK_SECRET ? { webhookSecret: config.TELEGRAM_WEBHOOK_SECRET } : {}),
      ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}),
      limiterKeyPrefix: config.REDIS_PREFIX,
    });
    // parseConfig refuses a webhook URL without HTTP_PORT, so the route always has a server.
    if (telegram.webhook) routes.push(telegram.webhook);
    running.push(telegram);
  }
  if (config.DISCORD_TOKEN && config.DISCORD_APP_ID) {
    const { startDiscord } = await import("./discord/index.js");
    running.push(await startDiscord(services));
  }
  if (services.config.HTTP_PORT !== undefined) {
    const { startHttpApi } = await import("./http/index.js");
    running.push(await startHttpApi(services, { routes, ...(metrics ? { metrics } : {}) }));
  }
  return running;
}

async function main(): Promise<void> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    process.stderr.write(`fitplan cannot start. Fix these environment variables:\n`);
    for (const problem of parsed.problems) process.stderr.write(`  - ${problem}\n`);
    process.exit(2);
  }
  const config = parsed.config;
  const chatOnly =
    !config.TELEGRAM_BOT_TOKEN && !config.DISCORD_TOKEN && config.HTTP_PORT === undefined;
  // The terminal chat shares the screen with the log: keep it to errors unless asked otherwise.
  const quiet = chatOnly && process.env.LOG_LEVEL === undefined;
  // Metrics are read through GET /metrics, so they are kept only when the HTTP API runs.
  const metrics =
    config.HTTP_PORT === undefined
      ? undefined
      : (await import("../src/prometheus.js")).createPrometheusMetrics();
  const services = await composeServices(config, {
    ...(quiet ? { logLevel: "error" } : {}),
    ...(metrics ? { metrics } : {}),
  });
  const frontEnds = await startFrontEnds(services, metrics);

  if (frontEnds.length === 0 || config.FITPLAN_CLI) {
    const user = `cli:${process.env.USER ?? "local"}` as const;
    const planner = services.llmConfigured
      ? `the LLM (${config.OPENAI_MODEL})`
      : "the built-in planner";
    const memory = services.store.kind === "memory" ? ", answers kept until you quit" : "";
    exitQuietlyOnClosedOutput(process.stdout);
    process.stdout.write(
      `fitplan terminal chat: plans by ${planner}${memory}. Type /help or quit.\n\n`,
    );
    await runTerminalChat({
      coach: services.coach,
      user,
      input: process.stdin,
      output: process.stdout,
      interactive: process.stdin.isTTY === true,
    });
    await Promise.all(frontEnds.map((frontEnd) => frontEnd.stop(config.SHUTDOWN_GRACE_MS)));
    await services.close();
    return;
  }

  const notifiers = frontEnds.flatMap((frontEnd) => (frontEnd.notifier ? [frontEnd.notifier] : []));
  const scheduler = createScheduler({
    store: services.store,
    clock: services.clock,
    logger: services.logger,
    notifiers,
  });
  if (notifiers.length > 0) scheduler.start();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    services.logger.info({ signal }, "shutting down");
    await scheduler.stop();
    await Promise.all(frontEnds.map((frontEnd) => frontEnd.stop(config.SHUTDOWN_GRACE_MS)));
    await services.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.on("uncaughtException", (error) => {
    services.logger.error({ err: error }, "uncaught exception");
    process.exit(1);
  });
  process.on("unhandledRejection", (reason) => {
    services.logger.error({ err: reason }, "unhandled rejection");
    process.exit(1);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `fitplan stopped: ${error instanceof Error ? error.message : "unknown error"}\n`,
  );
  process.exit(1);
});
