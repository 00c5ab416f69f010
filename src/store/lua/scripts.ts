/**
 * The Lua scripts the Redis store runs, and a runner that sends a script by its digest and falls
 * back to the full text when the server has not seen it yet (after a restart, for instance).
 */
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

export interface LuaScript {
  readonly source: string;
  readonly sha: string;
}

function script(source: string): LuaScript {
  return { source, sha: createHash("sha1").update(source).digest("hex") };
}

/**
 * An exact sliding-window log on a sorted set scored by request time.
 * KEYS[1] the window; KEYS[2], when given, the owner's key index, which learns the window's name.
 * ARGV: now (ms), window (ms), limit, a member unique to this request.
 * Returns {1, remaining} when the request is counted, {0, retryAfterMs} when it is refused. A
 * refused request changes nothing, so it cannot stretch the window.
 */
export const SLIDING_WINDOW = script(`
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  local at = tonumber(oldest[2]) or now
  return {0, math.max(1, at + window - now)}
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
if KEYS[2] then redis.call('SADD', KEYS[2], KEYS[1]) end
return {1, limit - count - 1}
`);

/**
 * Records feedback for a week only when that week exists.
 * KEYS[1] the history list, KEYS[2] the feedback hash. ARGV: week, feedback JSON.
 */
export const SET_FEEDBACK = script(`
local week = tonumber(ARGV[1])
if week >= 1 and redis.call('LLEN', KEYS[1]) >= week then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
  return 1
end
return 0
`);

/**
 * Appends a week to a history list unless the list already ends with this very entry, so that a
 * write repeated after a timeout (Redis was slow, not down, and did it after all) counts once.
 * KEYS[1] the history list. ARGV: the entry JSON. Returns the entry's week number.
 */
export const ADD_HISTORY = script(`
if redis.call('LINDEX', KEYS[1], -1) == ARGV[1] then
  return redis.call('LLEN', KEYS[1])
end
return redis.call('RPUSH', KEYS[1], ARGV[1])
`);

/** Runs a script by digest, loading it on a NOSCRIPT reply. */
export async function runScript(
  redis: Redis,
  lua: LuaScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  try {
    return await redis.evalsha(lua.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
    return redis.eval(lua.source, keys.length, ...keys, ...args);
  }
}
