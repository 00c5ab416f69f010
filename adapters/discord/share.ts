/**
 * "Share to channel": posts a member's finished plan for everyone in the channel to see, without
 * health details. Injuries and the coach's notes about them stay private: plan notes and
 * exercise notes are left out, and any title, focus or warm-up line that names a body part or an
 * injury is replaced by a neutral one.
 */
import { splitText } from "../../src/live-message/index.js";
import { renderPlan } from "../../src/plan/render.js";
import type { Plan } from "../../src/plan/schema.js";
import type { Clock, UserKey } from "../../src/ports.js";
import type { Store } from "../../src/store/types.js";
import { DISCORD_TEXT } from "./messages.js";
import { DISCORD_LIMITS } from "./render.js";
import type { Outcome } from "./respond.js";

export const SHARE_DEFAULTS = {
  onceTtlMs: 604_800_000, // 7 days: one post per plan and channel
  historyLookback: 52, // weeks searched for the plan to share
} as const;

const HEALTH_WORDS =
  /injur|pain|hurt|sore|rehab|physio|knee|back|spine|shoulder|wrist|hip|ankle|elbow|neck|joint/i;

/** The plan with every health detail left out. */
export function redactPlan(plan: Plan): Plan {
  return {
    title: HEALTH_WORDS.test(plan.title) ? "Weekly training plan" : plan.title,
    notes: [],
    days: plan.days.map((day) => ({
      ...day,
      focus: HEALTH_WORDS.test(day.focus) ? neutralFocus(day.kind) : day.focus,
      warmup: day.warmup.filter((line) => !HEALTH_WORDS.test(line)),
      exercises: day.exercises.map(({ notes: _notes, ...exercise }) => exercise),
    })),
  };
}

function neutralFocus(kind: Plan["days"][number]["kind"]): string {
  if (kind === "rest") return "Rest";
  return kind === "recovery" ? "Active recovery" : "Training";
}

/** The shared plan as channel messages of at most 2000 characters, split between days. */
export function sharePieces(plan: Plan, sharerId: string): string[] {
  const text = `${DISCORD_TEXT.sharedBy(sharerId)}\n\n${renderPlan(redactPlan(plan))}`;
  return splitText(text, DISCORD_LIMITS.messageChars);
}

export interface ShareDeps {
  readonly store: Store;
  readonly clock: Clock;
}

/** Finds week `week` of the member's plans and shares it once per channel. */
export async function sharePlan(
  deps: ShareDeps,
  request: { user: UserKey; sharerId: string; week: number; channelId: string | null },
): Promise<Outcome> {
  if (!request.channelId) return { kind: "notice", text: DISCORD_TEXT.shareNotInGuild };
  const history = await deps.store.listHistory(request.user, SHARE_DEFAULTS.historyLookback);
  const entry = history.find((candidate) => candidate.week === request.week);
  if (!entry) return { kind: "notice", text: DISCORD_TEXT.planGone };

  const once = `discord:shared:${request.channelId}:${request.week}:${request.user}`;
  if (!(await deps.store.claim(once, SHARE_DEFAULTS.onceTtlMs))) {
    return { kind: "notice", text: DISCORD_TEXT.alreadyShared };
  }
  return { kind: "public", pieces: sharePieces(entry.plan, request.sharerId) };
}
