/**
 * /weekly on [day] [time] | off | zone <zone>: a weekly private reminder to re-plan. The time zone
 * is asked once, the first time a reminder is turned on, with UTC as the one-tap default.
 */
import type { Feature, FeatureContext, Turn } from "../coach.js";
import type { Clock, UserKey } from "../ports.js";
import {
  readSubscription,
  readZone,
  saveZone,
  subscribe,
  unsubscribe,
} from "../schedule/subscriptions.js";
import { parseWhen, type WeeklyTime, weekdayName } from "../schedule/when.js";
import { parseZone } from "../schedule/zone.js";
import type { Store } from "../store/types.js";
import { FEATURE_BUTTONS, FEATURE_MESSAGES } from "./messages.js";

export const WEEKLY_DEFAULTS = {
  /** Platforms whose front ends can send a private message on their own. */
  platforms: ["telegram", "discord"] as readonly string[],
} as const;

export interface WeeklyFeatureDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly options?: Partial<typeof WEEKLY_DEFAULTS>;
}

const PREFIX = "weekly:";
const ZONE_REF = `${PREFIX}zone`;
const pendingKey = (user: UserKey) => `weekly-pending:${user}`;

function describeWhen(when: WeeklyTime, zone: string): string {
  return `${weekdayName(when.day)}s at ${when.time} (${zone})`;
}

function askZone(message: string): Turn {
  const choices = {
    mode: "single",
    ref: ZONE_REF,
    options: [{ value: "UTC", label: FEATURE_BUTTONS.utc }],
    actions: [{ value: "cancel", label: FEATURE_BUTTONS.cancel }],
    acceptsText: true,
  } as const;
  return { replies: [{ text: message, choices }] };
}

function text(message: string): Turn {
  return { replies: [{ text: message }] };
}

export function createWeeklyFeature(deps: WeeklyFeatureDeps): Feature {
  const options = { ...WEEKLY_DEFAULTS, ...deps.options };
  const { store, clock } = deps;

  async function turnOn(user: UserKey, when: WeeklyTime, zone: string): Promise<Turn> {
    await subscribe(store, clock, user, when, zone);
    return text(FEATURE_MESSAGES.weeklyOn(describeWhen(when, zone)));
  }

  async function status(user: UserKey): Promise<Turn> {
    const subscription = await readSubscription(store, user);
    const line = subscription
      ? FEATURE_MESSAGES.weeklyStatusOn(describeWhen(subscription, subscription.zone))
      : FEATURE_MESSAGES.weeklyStatusOff;
    return text(`${line}\n\n${FEATURE_MESSAGES.weeklyUsage}`);
  }

  async function on(context: FeatureContext, words: string[]): Promise<Turn> {
    const parsed = parseWhen(words);
    if (!parsed.ok) return text(FEATURE_MESSAGES.weeklyBadWhen(parsed.bad));
    const zone = await readZone(store, context.user);
    if (zone) return turnOn(context.user, parsed.when, zone);

    await store.setJson(pendingKey(context.user), parsed.when);
    return askZone(FEATURE_MESSAGES.weeklyAskZone);
  }

  async function setZone(user: UserKey, typed: string): Promise<Turn> {
    const parsed = parseZone(typed);
    const pending = (await store.getJson(pendingKey(user))) as WeeklyTime | undefined;
    if (!parsed.ok) {
      return pending
        ? askZone(FEATURE_MESSAGES.weeklyBadZone)
        : text(FEATURE_MESSAGES.weeklyBadZone);
    }
    await saveZone(store, user, parsed.zone);
    if (pending) {
      await store.deleteJson(pendingKey(user));
      return turnOn(user, pending, parsed.zone);
    }
    const subscription = await readSubscription(store, user);
    const saved = FEATURE_MESSAGES.weeklyZoneSaved(parsed.zone);
    if (!subscription) return text(saved);
    const moved = await turnOn(user, subscription, parsed.zone);
    return { replies: [{ text: saved }, ...moved.replies] };
  }

  return {
    name: "weekly",
    commands: ["weekly"],
    prefix: PREFIX,

    async command(_name, args, context) {
      const [verb = "", ...words] = args.trim().toLowerCase().split(/\s+/).filter(Boolean);
      const platform = context.user.split(":")[0] ?? "";
      if (verb === "off") {
        const had = await readSubscription(store, context.user);
        await unsubscribe(store, context.user);
        return text(had ? FEATURE_MESSAGES.weeklyOff : FEATURE_MESSAGES.weeklyAlreadyOff);
      }
      if (verb === "zone" && words.length > 0) {
        return setZone(context.user, args.trim().split(/\s+/).slice(1).join(" "));
      }
      if (verb !== "on") return status(context.user);
      if (!options.platforms.includes(platform)) return text(FEATURE_MESSAGES.weeklyUnsupported);
      return on(context, words);
    },

    async choice(value, ref, context) {
      if (ref !== ZONE_REF || !(await store.getJson(pendingKey(context.user)))) {
        return { replies: [], notice: FEATURE_MESSAGES.replanStale };
      }
      if (value === "cancel") {
        await store.deleteJson(pendingKey(context.user));
        return text(FEATURE_MESSAGES.weeklyStatusOff);
      }
      return setZone(context.user, value);
    },

    async text(value, context) {
      if (!(await store.getJson(pendingKey(context.user)))) return undefined;
      return setZone(context.user, value);
    },

    // The reminder index holds user keys outside the user's own keys, so /forget clears it here.
    async forget(user) {
      await unsubscribe(store, user);
    },

    async reset(user) {
      await store.deleteJson(pendingKey(user));
    },
  };
}
