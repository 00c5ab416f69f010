/**
 * The ioredis client the Redis store runs on, set up so that Redis can never hang the bot: commands
 * time out quickly, fail at once while disconnected instead of queueing, and the client keeps
 * reconnecting with backoff on its own.
 */
import { Redis } from "ioredis";
import type { Logger } from "../ports.js";

export const REDIS_CLIENT_DEFAULTS = {
  commandTimeoutMs: 500, // a command that takes longer fails
  connectTimeoutMs: 2_000, // 2 s
  maxRetriesPerRequest: 1,
  reconnectBaseMs: 100, // first reconnect delay, doubled each attempt
  reconnectMaxMs: 5_000, // 5 s between attempts at most
  readyTimeoutMs: 3_000, // 3 s for the first connection at start-up
} as const;

export interface RedisClientOptions {
  readonly commandTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  readonly maxRetriesPerRequest?: number;
  /** Receives connection errors; they are expected while Redis is down, so they go to debug. */
  readonly logger?: Logger;
}

/**
 * Creates a connecting client. An error listener is always attached, so a lost connection never
 * becomes an unhandled error event. Until the connection is ready, commands fail at once; see
 * {@link waitForRedis}.
 */
export function createRedisClient(url: string, options: RedisClientOptions = {}): Redis {
  const defaults = REDIS_CLIENT_DEFAULTS;
  const redis = new Redis(url, {
    commandTimeout: options.commandTimeoutMs ?? defaults.commandTimeoutMs,
    connectTimeout: options.connectTimeoutMs ?? defaults.connectTimeoutMs,
    maxRetriesPerRequest: options.maxRetriesPerRequest ?? defaults.maxRetriesPerRequest,
    enableOfflineQueue: false,
    // Commands issued in the same tick go out as one pipeline: fewer writes under load.
    enableAutoPipelining: true,
    lazyConnect: false,
    retryStrategy: (attempt) =>
      Math.min(defaults.reconnectBaseMs * 2 ** Math.min(attempt, 16), defaults.reconnectMaxMs),
  });
  const logger = options.logger;
  redis.on("error", (error: Error) => {
    logger?.debug({ err: { name: error.name, message: error.message } }, "redis connection error");
  });
  return redis;
}

/**
 * Resolves true once the client is ready, or false after `timeoutMs`. The composition root awaits
 * it at start-up, so the first requests do not find Redis "down" merely because it is connecting.
 */
export function waitForRedis(
  redis: Redis,
  timeoutMs: number = REDIS_CLIENT_DEFAULTS.readyTimeoutMs,
): Promise<boolean> {
  if (redis.status === "ready") return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off("ready", onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.on("ready", onReady);
  });
}

/** The URL with any password replaced, for logs. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "<unparseable redis url>";
  }
}
