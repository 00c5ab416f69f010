/**
 * A Store that keeps the bot answering while Redis is down. Every call goes to the primary (Redis)
 * store until one fails; from then on the fallback (in-process) store serves: the limiter counts in
 * process, the cache is bypassed, and dialogue state, profiles, history, spend and documents are
 * written in process and journaled. Once the primary answers a probe again, the journal is replayed
 * onto it in order, so what was written during the outage wins over the older Redis copy and nothing
 * saved before the outage is touched except by those newer writes. Each transition is logged once.
 */
import { type Clock, type Logger, systemClock, type UserKey } from "../ports.js";
import type { Store } from "./types.js";

export const RESILIENT_DEFAULTS = {
  probeIntervalMs: 1_000, // while down, try the primary at most once a second
} as const;

// A harmless read that tells whether the primary answers.
const PROBE_KEY = "probe";

export interface ResilientStoreDeps {
  readonly primary: Store;
  readonly fallback: Store;
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly probeIntervalMs?: number;
}

type Operation<T> = (store: Store) => Promise<T>;

/**
 * Wraps a primary store with an in-process fallback. Known shortcomings, all limited to the
 * outage: reads see only what this process wrote since Redis went away; weeks added to history are
 * numbered by the fallback and renumbered when replayed; claims and limits are per process.
 */
export function createResilientStore(deps: ResilientStoreDeps): Store {
  const { primary, fallback, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const probeIntervalMs = deps.probeIntervalMs ?? RESILIENT_DEFAULTS.probeIntervalMs;

  let up = true;
  let nextProbeAt = 0;
  let recovering: Promise<boolean> | undefined;
  const journal: Operation<unknown>[] = [];
  const touchedUsers = new Set<UserKey>();
  const touchedDocs = new Set<string>();
  const outageSpend = new Map<string, number>();

  function markDown(error: unknown): void {
    if (!up) return;
    up = false;
    nextProbeAt = clock() + probeIntervalMs;
    logger.warn({ err: describe(error) }, "redis down");
  }

  function primaryAvailable(): boolean | Promise<boolean> {
    if (up) return true;
    if (recovering) return recovering;
    if (clock() < nextProbeAt) return false;
    recovering = recover().finally(() => {
      recovering = undefined;
    });
    return recovering;
  }

  async function recover(): Promise<boolean> {
    nextProbeAt = clock() + probeIntervalMs;
    let replayed = 0;
    try {
      await primary.cacheGet(PROBE_KEY);
      // Writes that chose the fallback just before recovery began may still join the journal, so
      // drain until it stays empty; `up` flips in the same tick as the last check.
      for (;;) {
        for (let next = journal[0]; next; next = journal[0]) {
          await next(primary);
          journal.shift();
          replayed += 1;
        }
        await clearFallback();
        if (journal.length === 0) break;
      }
    } catch (error) {
      logger.debug({ err: describe(error) }, "redis still down");
      return false;
    }
    up = true;
    logger.info({ replayed }, "redis back");
    return true;
  }

  // What the fallback holds has been replayed; left in place it would be stale by the next outage.
  async function clearFallback(): Promise<void> {
    for (const user of touchedUsers) await fallback.forget(user);
    for (const name of touchedDocs) await fallback.deleteJson(name);
    for (const [day, usd] of outageSpend) await fallback.addSpend(day, -usd);
    touchedUsers.clear();
    touchedDocs.clear();
    outageSpend.clear();
  }

  /** Runs on the primary; while it is down, answers with `whileDown` instead. */
  async function read<T>(operation: Operation<T>, whileDown: () => Promise<T>): Promise<T> {
    if (await primaryAvailable()) {
      try {
        return await operation(primary);
      } catch (error) {
        markDown(error);
      }
    }
    return whileDown();
  }

  /** Runs on the primary; while it is down, on the fallback, journaled for replay. */
  async function write<T>(
    operation: Operation<T>,
    replay: Operation<unknown> = operation,
    owner: { user?: UserKey; doc?: string } = {},
  ): Promise<T> {
    if (await primaryAvailable()) {
      try {
        return await operation(primary);
      } catch (error) {
        markDown(error);
      }
    }
    journal.push(replay);
    if (owner.user) touchedUsers.add(owner.user);
    if (owner.doc) touchedDocs.add(owner.doc);
    return operation(fallback);
  }

  return {
    kind: primary.kind,

    getState: (user) =>
      read(
        (s) => s.getState(user),
        () => fallback.getState(user),
      ),
    setState(user, state, ttlMs) {
      const copy = structuredClone(state);
      const savedAt = clock();
      // The state keeps the expiry it was given, counted from when it was written.
      const replay = (s: Store) => {
        const left = ttlMs - (clock() - savedAt);
        return left > 0 ? s.setState(user, copy, left) : s.deleteState(user);
      };
      return write((s) => s.setState(user, copy, ttlMs), replay, { user });
    },
    deleteState: (user) => write((s) => s.deleteState(user), undefined, { user }),

    getProfile: (user) =>
      read(
        (s) => s.getProfile(user),
        () => fallback.getProfile(user),
      ),
    setProfile(user, profile) {
      const copy = structuredClone(profile);
      return write((s) => s.setProfile(user, copy), undefined, { user });
    },

    addHistory(user, entry) {
      const copy = structuredClone(entry);
      return write((s) => s.addHistory(user, copy), undefined, { user });
    },
    listHistory: (user, limit) =>
      read(
        (s) => s.listHistory(user, limit),
        () => fallback.listHistory(user, limit),
      ),
    setFeedback: (user, week, feedback) =>
      write((s) => s.setFeedback(user, week, feedback), undefined, { user }),
    setPlan: (user, week, plan) => write((s) => s.setPlan(user, week, plan), undefined, { user }),

    cacheGet: (key) =>
      read(
        (s) => s.cacheGet(key),
        async () => undefined,
      ),
    cacheSet: (key, value, ttlMs) =>
      read(
        (s) => s.cacheSet(key, value, ttlMs),
        async () => {},
      ),

    hitLimit: (key, rule, now) =>
      read(
        (s) => s.hitLimit(key, rule, now),
        () => fallback.hitLimit(key, rule, now),
      ),

    addSpend(day, usd) {
      return write((s) => {
        // Counted here too, to be taken back out of the fallback once Redis has it.
        if (s === fallback) outageSpend.set(day, (outageSpend.get(day) ?? 0) + usd);
        return s.addSpend(day, usd);
      });
    },
    getSpend: (day) =>
      read(
        (s) => s.getSpend(day),
        () => fallback.getSpend(day),
      ),

    claim: (key, ttlMs) =>
      read(
        (s) => s.claim(key, ttlMs),
        () => fallback.claim(key, ttlMs),
      ),

    scheduleSet: (index, member, dueAt) => write((s) => s.scheduleSet(index, member, dueAt)),
    // Nothing is due while Redis is down: claims are per process then, so a delivery could not be
    // kept to once. Due members are picked up when it is back.
    scheduleDue: (index, now, limit) =>
      read(
        (s) => s.scheduleDue(index, now, limit),
        async () => [],
      ),
    scheduleRemove: (index, member) => write((s) => s.scheduleRemove(index, member)),

    getJson: (key) =>
      read(
        (s) => s.getJson(key),
        () => fallback.getJson(key),
      ),
    setJson(key, value) {
      const copy = structuredClone(value);
      return write((s) => s.setJson(key, copy), undefined, { doc: key });
    },
    deleteJson: (key) => write((s) => s.deleteJson(key), undefined, { doc: key }),

    forget: (user) => write((s) => s.forget(user), undefined, { user }),

    async close() {
      await Promise.allSettled([primary.close(), fallback.close()]);
    },
  };
}

function describe(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: "unknown", message: String(error) };
}
