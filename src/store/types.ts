/**
 * One interface for all state the bot keeps. The in-process store serves a single process; the
 * Redis store lets any number of instances share users, cache, limits and spend.
 */

import type { Feedback, PlanSource } from "../pipeline/types.js";
import type { Plan } from "../plan/schema.js";
import type { UserKey } from "../ports.js";
import type { Profile } from "../profile/schema.js";

/** One week in a user's plan history. */
export interface HistoryEntry {
  readonly week: number;
  readonly createdAt: number;
  readonly profile: Profile;
  readonly plan: Plan;
  readonly source: PlanSource;
  readonly feedback?: Feedback;
}

/** A member of a due-time index and when it is due. */
export interface ScheduledMember {
  readonly member: string;
  readonly dueAt: number;
}

export type LimitDecision =
  | { readonly allowed: true; readonly remaining: number }
  | { readonly allowed: false; readonly retryAfterMs: number };

export interface LimitRule {
  readonly limit: number;
  readonly windowMs: number;
}

export interface Store {
  readonly kind: "memory" | "redis";

  /** Conversation state as stored JSON; the conversation parses it. Expires after `ttlMs`. */
  getState(user: UserKey): Promise<unknown>;
  setState(user: UserKey, state: unknown, ttlMs: number): Promise<void>;
  deleteState(user: UserKey): Promise<void>;

  getProfile(user: UserKey): Promise<unknown>;
  setProfile(user: UserKey, profile: Profile): Promise<void>;

  /** Appends a week and returns it with its week number. */
  addHistory(user: UserKey, entry: Omit<HistoryEntry, "week">): Promise<HistoryEntry>;
  /** The newest weeks first. */
  listHistory(user: UserKey, limit: number): Promise<HistoryEntry[]>;
  setFeedback(user: UserKey, week: number, feedback: Feedback): Promise<void>;
  /** Replaces a week's plan, as an exercise swap does. A week that does not exist is ignored. */
  setPlan(user: UserKey, week: number, plan: Plan): Promise<void>;

  cacheGet(key: string): Promise<string | undefined>;
  cacheSet(key: string, value: string, ttlMs: number): Promise<void>;

  /** Sliding-window log: counts the request only when it is allowed. */
  hitLimit(key: string, rule: LimitRule, now: number): Promise<LimitDecision>;

  /** Adds to a day's spend (UTC day "2026-12-03") and returns the new total. */
  addSpend(day: string, usd: number): Promise<number>;
  getSpend(day: string): Promise<number>;

  /** Sets a marker only if it is absent: dedupe and once-only delivery. True when this call set it. */
  claim(key: string, ttlMs: number): Promise<boolean>;

  /**
   * A due-time index (a sorted set): puts `member` at `dueAt`, moving it if it is already there.
   * Weekly reminders keep their next due time here, so any instance can find who is due.
   */
  scheduleSet(index: string, member: string, dueAt: number): Promise<void>;
  /** Members due at or before `now`, earliest first, at most `limit`. */
  scheduleDue(index: string, now: number, limit: number): Promise<ScheduledMember[]>;
  scheduleRemove(index: string, member: string): Promise<void>;

  /** Small JSON documents for settings such as subscriptions and reminder channels. */
  getJson(key: string): Promise<unknown>;
  setJson(key: string, value: unknown): Promise<void>;
  deleteJson(key: string): Promise<void>;

  /**
   * Deletes everything stored for the user: state, profile, history, and every limiter window and
   * JSON document whose key ends in `:<user key>`.
   */
  forget(user: UserKey): Promise<void>;

  close(): Promise<void>;
}
