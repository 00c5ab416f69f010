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

export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const clock = options.clock ?? systemClock;
  const states = new Map<UserKey, Expiring<unknown>>();
  const profiles = new Map<UserKey, Profile>();
  const history = new Map<UserKey, HistoryEntry[]>();
  const cache = new Map<string, Expiring<string>>();
  const windows = new Map<string, number[]>();
  const spend = new Map<string, number>();
  const claims = new Map<string, number>();
  const documents = new Map<string, unknown>();
  const schedules = new Map<string, Map<string, number>>();

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
    },

    async hitLimit(key: string, rule: LimitRule, now: number): Promise<LimitDecision> {
      const recent = (windows.get(key) ?? []).filter((at) => at > now - rule.windowMs);
      if (recent.length >= rule.limit) {
        windows.set(key, recent);
        const oldest = recent[0] ?? now;
        return { allowed: false, retryAfterMs: Math.max(1, oldest + rule.windowMs - now) };
      }
      recent.push(now);
      windows.set(key, recent);
      return { allowed: true, remaining: rule.limit - recent.length };
    },

    async addSpend(day, usd) {
      const total = (spend.get(day) ?? 0) + usd;
      spend.set(day, total);
      return total;
    },
    async getSpend(day) {
      return spend.get(day) ?? 0;
    },

    async claim(key, ttlMs) {
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
  };
}
