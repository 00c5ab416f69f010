/**
 * The in-process store: the same semantics as the Redis store, for one process. It is what runs
 * when no REDIS_URL is set, and what the Redis store falls back to while Redis is down.
 */
import type { Feedback } from "../pipeline/types.js";
import { type Clock, systemClock, type UserKey } from "../ports.js";
import type { Profile } from "../profile/schema.js";
import type { HistoryEntry, LimitDecision, LimitRule, Store } from "./types.js";

interface Expiring<T> {
  readonly value: T;
  readonly expiresAt: number;
}

export interface MemoryStoreOptions {
  readonly clock?: Clock;
}

const DAY_MS = 86_400_000;

export const MEMORY_STORE_DEFAULTS = {
  sweepEvery: 1_000, // writes between sweeps of expired entries
  spendDays: 2, // days of spend kept, as on Redis
} as const;

/** The in-process store, with a sweep that drops expired entries and returns how many. */
export interface MemoryStore extends Store {
  sweep(): number;
}

export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const clock = options.clock ?? systemClock;
  const states = new Map<UserKey, Expiring<unknown>>();
  const profiles = new Map<UserKey, Profile>();
  const history = new Map<UserKey, HistoryEntry[]>();
  const cache = new Map<string, Expiring<string>>();
  /** Request times in each sliding window, and when the newest leaves it. */
  const windows = new Map<string, { readonly hits: number[]; readonly until: number }>();
  const spend = new Map<string, number>();
  const claims = new Map<string, number>();
  const documents = new Map<string, unknown>();
  const schedules = new Map<string, Map<string, number>>();

  // Expired entries go when they are read, and in a sweep every so many writes, so that users who
  // never come back do not pile up in a long-running process.
  let writes = 0;
  function wrote(): void {
    writes += 1;
    if (writes % MEMORY_STORE_DEFAULTS.sweepEvery === 0) sweep();
  }

  function sweep(): number {
    const now = clock();
    let removed = 0;
    const drop = <K, V>(map: Map<K, V>, expired: (value: V, key: K) => boolean) => {
      for (const [key, value] of map) {
        if (!expired(value, key)) continue;
        map.delete(key);
        removed += 1;
      }
    };
    drop(states, (entry) => entry.expiresAt <= now);
    drop(cache, (entry) => entry.expiresAt <= now);
    drop(claims, (until) => until <= now);
    drop(windows, (window) => window.until <= now);
    const kept = MEMORY_STORE_DEFAULTS.spendDays * DAY_MS;
    const oldestDay = new Date(now - kept).toISOString().slice(0, 10);
    drop(spend, (_total, day) => day < oldestDay);
    return removed;
  }

  function live<T>(map: Map<string, Expiring<T>>, key: string): T | undefined {
    const entry = map.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= clock()) {
      map.delete(key);
      return undefined;
    }
    return entry.value;
  }

  return {
    kind: "memory",

    async getState(user) {
      return live(states, user);
    },
    async setState(user, state, ttlMs) {
      states.set(user, { value: structuredClone(state), expiresAt: clock() + ttlMs });
      wrote();
    },
    async deleteState(user) {
      states.delete(user);
    },

    async getProfile(user) {
      return profiles.get(user);
    },
    async setProfile(user, profile) {
      profiles.set(user, structuredClone(profile));
    },

    async addHistory(user, entry) {
      const weeks = history.get(user) ?? [];
      const stored: HistoryEntry = { ...structuredClone(entry), week: weeks.length + 1 };
      history.set(user, [...weeks, stored]);
      return stored;
    },
    async listHistory(user, limit) {
      return (history.get(user) ?? []).slice(-limit).reverse();
    },
    async setFeedback(user, week, feedback: Feedback) {
      const weeks = history.get(user) ?? [];
      history.set(
        user,
        weeks.map((entry) => (entry.week === week ? { ...entry, feedback } : entry)),
      );
    },

    async setPlan(user, week, plan) {
      const weeks = history.get(user) ?? [];
      history.set(
        user,
        weeks.map((entry) =>
          entry.week === week ? { ...entry, plan: structuredClone(plan) } : entry,
        ),
      );
    },

    async cacheGet(key) {
      return live(cache, key);
    },
    async cacheSet(key, value, ttlMs) {
      cache.set(key, { value, expiresAt: clock() + ttlMs });
      wrote();
    },

    async hitLimit(key: string, rule: LimitRule, now: number): Promise<LimitDecision> {
      wrote();
      const recent = (windows.get(key)?.hits ?? []).filter((at) => at > now - rule.windowMs);
      const newest = recent.at(-1) ?? now;
      if (recent.length >= rule.limit) {
        windows.set(key, { hits: recent, until: newest + rule.windowMs });
        const oldest = recent[0] ?? now;
        return { allowed: false, retryAfterMs: Math.max(1, oldest + rule.windowMs - now) };
      }
      recent.push(now);
      windows.set(key, { hits: recent, until: now + rule.windowMs });
      return { allowed: true, remaining: rule.limit - recent.length };
    },

    async addSpend(day, usd) {
      wrote();
      const total = (spend.get(day) ?? 0) + usd;
      spend.set(day, total);
      return total;
    },
    async getSpend(day) {
      return spend.get(day) ?? 0;
    },

    async claim(key, ttlMs) {
      wrote();
      const until = claims.get(key);
      if (until !== undefined && until > clock()) return false;
      claims.set(key, clock() + ttlMs);
      return true;
    },

    async scheduleSet(index, member, dueAt) {
      const entries = schedules.get(index) ?? new Map<string, number>();
      entries.set(member, dueAt);
      schedules.set(index, entries);
    },
    async scheduleDue(index, now, limit) {
      return [...(schedules.get(index) ?? new Map<string, number>())]
        .filter(([, dueAt]) => dueAt <= now)
        .sort(([a, first], [b, second]) => first - second || (a < b ? -1 : 1))
        .slice(0, limit)
        .map(([member, dueAt]) => ({ member, dueAt }));
    },
    async scheduleRemove(index, member) {
      schedules.get(index)?.delete(member);
    },

    async getJson(key) {
      return structuredClone(documents.get(key));
    },
    async setJson(key, value) {
      documents.set(key, structuredClone(value));
    },
    async deleteJson(key) {
      documents.delete(key);
    },

    async forget(user) {
      states.delete(user);
      profiles.delete(user);
      history.delete(user);
      for (const key of [...windows.keys()]) if (key.endsWith(`:${user}`)) windows.delete(key);
      for (const key of [...documents.keys()]) if (key.endsWith(`:${user}`)) documents.delete(key);
    },

    async close() {},

    sweep,
  };
}
