/**
 * Weekly reminder subscriptions: a document per subscriber with its weekday, time and zone, and
 * its next due time in the store's due-time index. A subscriber is a user key (`telegram:42`,
 * reminded in a private chat) or a Discord guild (`guild:<id>`, reminded in the channel its admins
 * chose, stored at `guild:<id>:reminders`).
 */
import { z } from "zod";
import type { Clock, UserKey } from "../ports.js";
import type { Store } from "../store/types.js";
import { nextDue, type WeeklyTime, WHEN_DEFAULTS } from "./when.js";

/** The due-time index every instance reads. */
export const WEEKLY_INDEX = "weekly";

const SubscriptionSchema = z.object({
  day: z.number().int().min(1).max(7),
  time: z.string().regex(/^\d{2}:\d{2}$/),
  zone: z.string().min(1),
  /** The ISO week of the last delivery, so a week is never sent twice. */
  lastWeek: z.string().optional(),
});

export type Subscription = z.infer<typeof SubscriptionSchema>;

const ZoneSchema = z.object({ zone: z.string().min(1) });

export const subscriptionKey = (subscriber: string) => `weekly:${subscriber}`;
export const zoneKey = (user: UserKey) => `timezone:${user}`;
export const reminderChannelKey = (guildId: string) => `guild:${guildId}:reminders`;
export const guildSubscriber = (guildId: string) => `guild:${guildId}`;

export async function readSubscription(
  store: Store,
  subscriber: string,
): Promise<Subscription | undefined> {
  const parsed = SubscriptionSchema.safeParse(await store.getJson(subscriptionKey(subscriber)));
  return parsed.success ? parsed.data : undefined;
}

/** Subscribes, or moves an existing subscription; returns the next due instant. */
export async function subscribe(
  store: Store,
  clock: Clock,
  subscriber: string,
  when: WeeklyTime,
  zone: string,
): Promise<number> {
  const existing = await readSubscription(store, subscriber);
  const subscription: Subscription = {
    ...when,
    zone,
    ...(existing?.lastWeek ? { lastWeek: existing.lastWeek } : {}),
  };
  const dueAt = nextDue(when, zone, clock());
  await store.setJson(subscriptionKey(subscriber), subscription);
  await store.scheduleSet(WEEKLY_INDEX, subscriber, dueAt);
  return dueAt;
}

export async function unsubscribe(store: Store, subscriber: string): Promise<void> {
  await store.scheduleRemove(WEEKLY_INDEX, subscriber);
  await store.deleteJson(subscriptionKey(subscriber));
}

/** The zone a user chose once; undefined until they have. */
export async function readZone(store: Store, user: UserKey): Promise<string | undefined> {
  const parsed = ZoneSchema.safeParse(await store.getJson(zoneKey(user)));
  return parsed.success ? parsed.data.zone : undefined;
}

export async function saveZone(store: Store, user: UserKey, zone: string): Promise<void> {
  await store.setJson(zoneKey(user), { zone });
}

/**
 * Starts the weekly post for a guild whose admins set a reminder channel; call it when the channel
 * is set. Sunday 18:00 UTC unless told otherwise.
 */
export function scheduleGuildReminders(
  store: Store,
  clock: Clock,
  guildId: string,
  when: WeeklyTime = WHEN_DEFAULTS,
  zone = "UTC",
): Promise<number> {
  return subscribe(store, clock, guildSubscriber(guildId), when, zone);
}

/** The channel id stored for a guild: a plain string, or a document with `channelId`. */
export async function reminderChannel(store: Store, guildId: string): Promise<string | undefined> {
  const doc = await store.getJson(reminderChannelKey(guildId));
  if (typeof doc === "string" && doc !== "") return doc;
  if (doc && typeof doc === "object") {
    const id = (doc as { channelId?: unknown }).channelId;
    if (typeof id === "string" && id !== "") return id;
  }
  return undefined;
}
