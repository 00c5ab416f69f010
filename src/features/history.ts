/**
 * /history: the user's recent weeks, newest first, each with how it went; any week can be shown
 * again by pressing it or with `/history <week>`.
 */

import type { Feature, Turn } from "../coach.js";
import { textReplies } from "../conversation/replies.js";
import type { Feedback } from "../pipeline/types.js";
import { renderPlan } from "../plan/render.js";
import type { Store } from "../store/types.js";
import { FEATURE_BUTTONS, FEATURE_MESSAGES } from "./messages.js";

export const HISTORY_DEFAULTS = {
  recentWeeks: 8, // weeks listed by /history
  maxWeeks: 520, // 10 years: how far back a week number is looked up
} as const;

export interface HistoryFeatureDeps {
  readonly store: Store;
  readonly options?: { readonly [K in keyof typeof HISTORY_DEFAULTS]?: number };
}

const PREFIX = "history:";
const REF = `${PREFIX}weeks`;

const RATING: Record<Feedback["rating"], string> = {
  too_easy: FEATURE_BUTTONS.tooEasy.toLowerCase(),
  about_right: FEATURE_BUTTONS.aboutRight.toLowerCase(),
  too_hard: FEATURE_BUTTONS.tooHard.toLowerCase(),
};

function detail(feedback: Feedback | undefined): string {
  if (!feedback) return "";
  const sessions = `${feedback.sessionsDone} session${feedback.sessionsDone === 1 ? "" : "s"} done`;
  return `${sessions}, ${RATING[feedback.rating]}`;
}

export function createHistoryFeature(deps: HistoryFeatureDeps): Feature {
  const options = { ...HISTORY_DEFAULTS, ...deps.options };
  const { store } = deps;

  async function show(user: Parameters<Store["listHistory"]>[0], week: number): Promise<Turn> {
    const weeks = await store.listHistory(user, options.maxWeeks);
    const entry = weeks.find((candidate) => candidate.week === week);
    if (!entry) return { replies: [{ text: FEATURE_MESSAGES.historyMissing(week) }] };
    const heading = FEATURE_MESSAGES.historyHeading(entry.week, entry.createdAt);
    return { replies: textReplies(`${heading}\n\n${renderPlan(entry.plan)}`) };
  }

  return {
    name: "history",
    commands: ["history"],
    prefix: PREFIX,

    async command(_name, args, context) {
      const asked = Number.parseInt(args.trim(), 10);
      if (Number.isInteger(asked) && asked > 0) return show(context.user, asked);

      const weeks = await store.listHistory(context.user, options.recentWeeks);
      if (weeks.length === 0) return { replies: [{ text: FEATURE_MESSAGES.historyEmpty }] };
      const lines = weeks.map((entry) =>
        FEATURE_MESSAGES.historyLine(entry.week, entry.createdAt, detail(entry.feedback)),
      );
      return {
        replies: [
          {
            text: [FEATURE_MESSAGES.historyTitle, ...lines].join("\n"),
            choices: {
              mode: "single",
              ref: REF,
              options: weeks.map((entry) => ({
                value: String(entry.week),
                label: FEATURE_BUTTONS.week(entry.week),
              })),
              actions: [],
              acceptsText: false,
            },
          },
        ],
      };
    },

    async choice(value, _ref, context) {
      const week = Number.parseInt(value, 10);
      if (!Number.isInteger(week)) return { replies: [], notice: FEATURE_MESSAGES.replanStale };
      return show(context.user, week);
    },
  };
}
