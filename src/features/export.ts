/**
 * /export: the latest week as a calendar file (.ics) or as Markdown, carried in the turn's `file`
 * for the front end to send or save. `/export ics` and `/export md` skip the question.
 */
import type { Feature, FeatureContext, Turn } from "../coach.js";
import { mondayOnOrAfter } from "../export/dates.js";
import { planToIcs } from "../export/ics.js";
import { planToMarkdown } from "../export/markdown.js";
import type { Clock } from "../ports.js";
import { readZone } from "../schedule/subscriptions.js";
import { localTime } from "../schedule/zone.js";
import type { Store } from "../store/types.js";
import { FEATURE_BUTTONS, FEATURE_MESSAGES } from "./messages.js";

export interface ExportFeatureDeps {
  readonly store: Store;
  readonly clock: Clock;
}

type Format = "ics" | "md";

const PREFIX = "export:";
const REF = `${PREFIX}format`;

function formatOf(text: string): Format | undefined {
  const word = text.trim().toLowerCase().replace(/^\./, "");
  if (["ics", "ical", "calendar", "cal"].includes(word)) return "ics";
  if (["md", "markdown", "text"].includes(word)) return "md";
  return undefined;
}

export function createExportFeature(deps: ExportFeatureDeps): Feature {
  const { store, clock } = deps;

  async function exportWeek(context: FeatureContext, format: Format): Promise<Turn> {
    const [latest] = await store.listHistory(context.user, 1);
    if (!latest) return { replies: [{ text: FEATURE_MESSAGES.replanNoPlan }] };
    const zone = (await readZone(store, context.user)) ?? "UTC";
    // Day 1 of a plan is a Monday: the first one on or after the day the plan was made.
    const start = mondayOnOrAfter(localTime(zone, latest.createdAt));
    const name = `fitplan-week-${latest.week}.${format}`;
    const file =
      format === "ics"
        ? {
            name,
            mime: "text/calendar",
            content: planToIcs(latest.plan, {
              week: latest.week,
              start,
              stamp: clock(),
              uidSeed: String(latest.createdAt),
            }),
          }
        : {
            name,
            mime: "text/markdown",
            content: planToMarkdown(latest.plan, { week: latest.week, start }),
          };
    return { replies: [{ text: FEATURE_MESSAGES.exportDone(name) }], file };
  }

  return {
    name: "export",
    commands: ["export"],
    prefix: PREFIX,

    async command(_name, args, context) {
      const format = formatOf(args);
      if (format) return exportWeek(context, format);
      return {
        replies: [
          {
            text: FEATURE_MESSAGES.exportWhich,
            choices: {
              mode: "single",
              ref: REF,
              options: [
                { value: "ics", label: FEATURE_BUTTONS.ics },
                { value: "md", label: FEATURE_BUTTONS.markdown },
              ],
              actions: [],
              acceptsText: false,
            },
          },
        ],
      };
    },

    async choice(value, _ref, context) {
      const format = formatOf(value);
      if (!format) return { replies: [], notice: FEATURE_MESSAGES.replanStale };
      return exportWeek(context, format);
    },
  };
}
