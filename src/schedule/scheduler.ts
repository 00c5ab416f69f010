/**
 * The weekly reminder scheduler. Every instance runs one; they share the store's due-time index.
 * Each due reminder is sent once per subscriber per ISO week, whatever the number of instances:
 *
 * 1. an instance reads who is due, and takes a short lease on `<subscriber>:<week>` (a claim);
 * 2. the lease holder checks the subscription's `lastWeek`, sends, records the week, and moves
 *    the subscriber to its next due time;
 * 3. if the holder dies mid-way, the lease expires and another instance finishes the delivery.
 *
 * A holder that dies after the message left but before the week was recorded causes one repeat
 * after the lease; that window is the time of one store write.
 */
import { FEATURE_MESSAGES } from "../features/messages.js";
import type { Clock, Logger } from "../ports.js";
import type { Store } from "../store/types.js";
import type { Notifier, NotifyResult, NotifyTarget } from "./notifier.js";
import {
  readSubscription,
  reminderChannel,
  type Subscription,
  subscriptionKey,
  unsubscribe,
  WEEKLY_INDEX,
} from "./subscriptions.js";
import { nextDue, weekOf } from "./when.js";

export const SCHEDULER_DEFAULTS = {
  tickMs: 30_000, // 30 s between looks at the index
  batch: 200, // due subscribers handled per tick
  leaseMs: 300_000, // 5 minutes before another instance retries a delivery that stalled
  maxLateMs: 172_800_000, // 2 days: a reminder this late is skipped, not sent
} as const;

export type DeliveryOutcome = "sent" | "blocked" | "failed" | "skipped" | "busy" | "gone";

export interface SchedulerDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  /** One per front end this instance runs. Subscribers of other platforms are left to others. */
  readonly notifiers: readonly Notifier[];
  readonly options?: { readonly [K in keyof typeof SCHEDULER_DEFAULTS]?: number };
}

export interface Scheduler {
  /** Handles everyone due now; returns what happened to each. */
  tick(): Promise<Record<DeliveryOutcome, number>>;
  /** Ticks every `tickMs` until stopped. */
  start(): void;
  /** Stops ticking and waits for a tick in progress. */
  stop(): Promise<void>;
}

interface Route {
  readonly notifier: Notifier;
  readonly target: NotifyTarget;
  readonly text: string;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const options = { ...SCHEDULER_DEFAULTS, ...deps.options };
  const { store, clock, logger } = deps;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  function notifierFor(subscriber: string): Notifier | undefined {
    const platform = subscriber.startsWith("guild:") ? "discord" : subscriber.split(":")[0];
    return deps.notifiers.find((notifier) => notifier.platform === platform);
  }

  async function route(subscriber: string, notifier: Notifier): Promise<Route | undefined> {
    if (subscriber.startsWith("guild:")) {
      const channel = await reminderChannel(store, subscriber.slice("guild:".length));
      if (!channel) return undefined;
      const target = { kind: "channel", id: channel } as const;
      return { notifier, target, text: FEATURE_MESSAGES.weeklyGuildPost };
    }
    const id = subscriber.slice(subscriber.indexOf(":") + 1);
    return { notifier, target: { kind: "user", id }, text: FEATURE_MESSAGES.weeklyPrompt };
  }

  async function reschedule(subscriber: string, subscription: Subscription, from: number) {
    const dueAt = nextDue(subscription, subscription.zone, Math.max(from, clock()));
    await store.scheduleSet(WEEKLY_INDEX, subscriber, dueAt);
  }

  async function send(delivery: Route): Promise<NotifyResult> {
    try {
      return await delivery.notifier.send(delivery.target, delivery.text);
    } catch (error) {
      logger.warn({ err: error, platform: delivery.notifier.platform }, "reminder send threw");
      return "failed";
    }
  }

  async function deliver(subscriber: string, dueAt: number): Promise<DeliveryOutcome> {
    const notifier = notifierFor(subscriber);
    if (!notifier) return "busy";
    const subscription = await readSubscription(store, subscriber);
    if (!subscription) {
      await store.scheduleRemove(WEEKLY_INDEX, subscriber);
      return "gone";
    }
    const week = weekOf(subscription.zone, dueAt);
    if (subscription.lastWeek === week || clock() - dueAt > options.maxLateMs) {
      await reschedule(subscriber, subscription, dueAt);
      return "skipped";
    }
    if (!(await store.claim(`weekly:lease:${subscriber}:${week}`, options.leaseMs))) return "busy";

    // Read again under the lease: another instance may have finished this week meanwhile.
    const current = await readSubscription(store, subscriber);
    if (!current) return "gone";
    if (current.lastWeek === week) {
      await reschedule(subscriber, current, dueAt);
      return "skipped";
    }
    const delivery = await route(subscriber, notifier);
    if (!delivery) {
      await unsubscribe(store, subscriber);
      return "gone";
    }
    const result = await send(delivery);
    if (result === "blocked") {
      await unsubscribe(store, subscriber);
      logger.info({ platform: notifier.platform }, "chat unreachable; reminder unsubscribed");
      return "blocked";
    }
    if (result === "failed") return "failed";
    const latest = (await readSubscription(store, subscriber)) ?? current;
    await store.setJson(subscriptionKey(subscriber), { ...latest, lastWeek: week });
    await reschedule(subscriber, latest, dueAt);
    return "sent";
  }

  async function tick(): Promise<Record<DeliveryOutcome, number>> {
    const counts = { sent: 0, blocked: 0, failed: 0, skipped: 0, busy: 0, gone: 0 };
    const due = await store.scheduleDue(WEEKLY_INDEX, clock(), options.batch);
    for (const { member, dueAt } of due) {
      try {
        counts[await deliver(member, dueAt)] += 1;
      } catch (error) {
        counts.failed += 1;
        logger.error({ err: error }, "reminder delivery failed");
      }
    }
    if (counts.sent + counts.blocked + counts.failed > 0) logger.info(counts, "weekly reminders");
    return counts;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) => logger.error({ err: error }, "reminder tick failed"))
        .finally(schedule);
    }, options.tickMs);
    timer.unref?.();
  }

  return {
    tick,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
