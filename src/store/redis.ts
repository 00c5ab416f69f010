/**
 * The Redis store: every piece of shared state under one key prefix, so any number of instances
 * can serve the same users and a restart loses nothing. Commands fail fast (see
 * {@link createRedisClient}); wrap the store in the resilient store to keep serving while Redis is
 * down.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { Clock, Logger, UserKey } from "../ports.js";
import { ADD_HISTORY, runScript, SET_FEEDBACK, SLIDING_WINDOW } from "./lua/scripts.js";
import type { HistoryEntry, ScheduledMember, Store } from "./types.js";

export {
  createRedisClient,
  type RedisClientOptions,
  redactRedisUrl,
  waitForRedis,
} from "./redis-client.js";

export const REDIS_DEFAULTS = {
  spendTtlMs: 2 * 86_400_000, // 2 days: a day's total outlives its day
} as const;

// Spend is counted in integer nano-dollars so that concurrent INCRBY calls add up exactly.
const NANOS_PER_USD = 1_000_000_000;

export interface RedisStoreDeps {
  readonly redis: Redis;
  /** Prepended to every key; a colon is added when it does not end with one. */
  readonly prefix: string;
  /** Accepted for symmetry with the in-process store; TTLs run on the Redis server's clock. */
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Makes limiter entries unique when two requests share a millisecond. */
  readonly newId?: () => string;
}

/** A Store on Redis. User keys are `platform:id`; everything lives under `prefix`. */
export function createRedisStore(deps: RedisStoreDeps): Store {
  const { redis, logger } = deps;
  const newId = deps.newId ?? randomUUID;
  const base = deps.prefix === "" || deps.prefix.endsWith(":") ? deps.prefix : `${deps.prefix}:`;
  // Everything a user owns carries the user in braces: a Redis Cluster hash tag, so that the
  // limiter script and forget touch keys of one slot only.
  const key = {
    state: (user: UserKey) => `${base}state:{${user}}`,
    profile: (user: UserKey) => `${base}profile:{${user}}`,
    history: (user: UserKey) => `${base}history:{${user}}`,
    feedback: (user: UserKey) => `${base}feedback:{${user}}`,
    index: (user: string) => `${base}index:{${user}}`,
    cache: (name: string) => `${base}cache:${name}`,
    limit: (name: string) => `${base}limit:${tagged(name)}`,
    spend: (day: string) => `${base}spend:${day}`,
    claim: (name: string) => `${base}claim:${name}`,
    doc: (name: string) => `${base}doc:${tagged(name)}`,
    schedule: (name: string) => `${base}schedule:${name}`,
  };

  function parse(raw: string | null, what: string): unknown {
    if (raw === null) return undefined;
    try {
      return JSON.parse(raw);
    } catch {
      logger?.warn({ what }, "unreadable JSON in redis; treating it as absent");
      return undefined;
    }
  }

  return {
    kind: "redis",

    async getState(user) {
      return parse(await redis.get(key.state(user)), "state");
    },
    async setState(user, state, ttlMs) {
      await redis.set(key.state(user), JSON.stringify(state), "PX", Math.max(1, Math.ceil(ttlMs)));
    },
    async deleteState(user) {
      await redis.del(key.state(user));
    },

    async getProfile(user) {
      return parse(await redis.get(key.profile(user)), "profile");
    },
    async setProfile(user, profile) {
      await redis.set(key.profile(user), JSON.stringify(profile));
    },

    async addHistory(user, entry) {
      const week = await runScript(
        redis,
        ADD_HISTORY,
        [key.history(user)],
        [JSON.stringify(entry)],
      );
      return { ...entry, week: Number(week) };
    },
    async listHistory(user, limit) {
      const results = await redis
        .multi()
        .llen(key.history(user))
        .lrange(key.history(user), -limit, -1)
        .hgetall(key.feedback(user))
        .exec();
      const [length, rows, feedback] = replies(results) as [
        number,
        string[],
        Record<string, string>,
      ];
      const first = length - rows.length + 1;
      const entries = rows.map((row, index) => {
        const week = first + index;
        const stored = parse(row, "history") as Omit<HistoryEntry, "week">;
        const given = feedback[String(week)];
        return given === undefined
          ? { ...stored, week }
          : { ...stored, week, feedback: parse(given, "feedback") as HistoryEntry["feedback"] };
      });
      return entries.reverse() as HistoryEntry[];
    },
    async setPlan(user, week, plan) {
      const row = await redis.lindex(key.history(user), week - 1);
      if (row === null) return;
      const stored = parse(row, "history") as Omit<HistoryEntry, "week">;
      await redis.lset(key.history(user), week - 1, JSON.stringify({ ...stored, plan }));
    },
    async setFeedback(user, week, feedback) {
      const keys = [key.history(user), key.feedback(user)];
      await runScript(redis, SET_FEEDBACK, keys, [week, JSON.stringify(feedback)]);
    },

    async cacheGet(name) {
      return (await redis.get(key.cache(name))) ?? undefined;
    },
    async cacheSet(name, value, ttlMs) {
      await redis.set(key.cache(name), value, "PX", Math.max(1, Math.ceil(ttlMs)));
    },

    async hitLimit(name, rule, now) {
      const owner = ownerOf(name);
      const keys = owner ? [key.limit(name), key.index(owner)] : [key.limit(name)];
      const args = [now, rule.windowMs, rule.limit, `${now}:${newId()}`];
      const [allowed, value] = (await runScript(redis, SLIDING_WINDOW, keys, args)) as number[];
      return allowed === 1
        ? { allowed: true, remaining: value ?? 0 }
        : { allowed: false, retryAfterMs: value ?? rule.windowMs };
    },

    async addSpend(day, usd) {
      const results = await redis
        .multi()
        .incrby(key.spend(day), Math.round(usd * NANOS_PER_USD))
        .pexpire(key.spend(day), REDIS_DEFAULTS.spendTtlMs)
        .exec();
      const [total] = replies(results) as [number];
      return total / NANOS_PER_USD;
    },
    async getSpend(day) {
      const raw = await redis.get(key.spend(day));
      return raw === null ? 0 : Number(raw) / NANOS_PER_USD;
    },

    async claim(name, ttlMs) {
      const set = await redis.set(key.claim(name), "1", "PX", Math.max(1, Math.ceil(ttlMs)), "NX");
      return set === "OK";
    },

    async scheduleSet(name, member, dueAt) {
      await redis.zadd(key.schedule(name), dueAt, member);
    },
    async scheduleDue(name, now, limit) {
      const flat = await redis.zrangebyscore(
        key.schedule(name),
        "-inf",
        now,
        "WITHSCORES",
        "LIMIT",
        0,
        limit,
      );
      const due: ScheduledMember[] = [];
      for (let index = 0; index + 1 < flat.length; index += 2) {
        due.push({ member: flat[index] ?? "", dueAt: Number(flat[index + 1]) });
      }
      return due;
    },
    async scheduleRemove(name, member) {
      await redis.zrem(key.schedule(name), member);
    },

    async getJson(name) {
      return parse(await redis.get(key.doc(name)), "document");
    },
    async setJson(name, value) {
      if (value === undefined) {
        await redis.del(key.doc(name));
        return;
      }
      const owner = ownerOf(name);
      const write = redis.multi().set(key.doc(name), JSON.stringify(value));
      if (owner) write.sadd(key.index(owner), key.doc(name));
      replies(await write.exec());
    },
    async deleteJson(name) {
      await redis.del(key.doc(name));
    },

    async forget(user) {
      const owned = await redis.smembers(key.index(user));
      await redis.del(
        key.state(user),
        key.profile(user),
        key.history(user),
        key.feedback(user),
        key.index(user),
        ...owned,
      );
    },

    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/**
 * The user a limiter or document key belongs to: its last two colon-separated parts, when there is
 * something before them (`plan:telegram:42` belongs to `telegram:42`). This assumes ids hold no
 * colon, which is true of every platform id and of the HTTP key hash.
 */
function ownerOf(name: string): string | undefined {
  const parts = name.split(":");
  if (parts.length < 3) return undefined;
  return parts.slice(-2).join(":");
}

/** `plan:telegram:42` becomes `plan:{telegram:42}`; a name without an owner stays as it is. */
function tagged(name: string): string {
  const owner = ownerOf(name);
  return owner ? `${name.slice(0, -owner.length)}{${owner}}` : name;
}

/** The values of a MULTI reply; throws the first command error, or when the block was aborted. */
function replies(results: [Error | null, unknown][] | null): unknown[] {
  if (!results) throw new Error("redis transaction was aborted");
  return results.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}
