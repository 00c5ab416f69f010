/**
 * Streams a plan into Discord through the core's live message: stage progress above the text
 * while it is written, the finished plan split at day boundaries into messages of at most 2000
 * characters, and a "share to channel" button under the last one.
 */
import { ButtonStyle, ComponentType, type RepliableInteraction } from "discord.js";
import type { PlanJob } from "../../src/coach.js";
import {
  createLiveMessage,
  type LiveMessageOptions,
  type LiveResult,
} from "../../src/live-message/index.js";
import { MESSAGES } from "../../src/messages.js";
import type { StageName } from "../../src/pipeline/types.js";
import type { Clock, Logger, UserKey } from "../../src/ports.js";
import type { Store } from "../../src/store/types.js";
import { encodeId } from "./ids.js";
import { DISCORD_TEXT } from "./messages.js";
import { type ActionRow, button } from "./render.js";
import { createDiscordSurface, type DiscordSurfaceOptions, type SurfaceId } from "./surface.js";

const STAGE_STATUS: Record<StageName, string> = {
  validate: "Step 1/3: checking your profile...",
  generate: "Step 2/3: writing your plan...",
  enforce: "Step 3/3: checking the plan...",
};

export interface StreamPlanDeps {
  /** The interaction whose reply shows the plan; already answered or deferred. */
  readonly interaction: RepliableInteraction;
  readonly job: PlanJob;
  readonly user: UserKey;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly surface?: Partial<DiscordSurfaceOptions>;
  readonly live?: Partial<LiveMessageOptions>;
}

/** The share button for week `week` of the member's history. */
export function shareRow(owner: string, week: number): ActionRow[] {
  const customId = encodeId({ op: "share", owner, ref: "", arg: String(week) });
  if (!customId) return [];
  return [
    {
      type: ComponentType.ActionRow,
      components: [button(customId, DISCORD_TEXT.share, ButtonStyle.Primary)],
    },
  ];
}

export async function streamPlan(deps: StreamPlanDeps): Promise<LiveResult<SurfaceId>> {
  const { interaction, job, logger } = deps;
  let closing: ActionRow[] = [];
  const surface = createDiscordSurface({
    interaction,
    clock: deps.clock,
    closing: () => closing,
    ...(deps.surface ? { options: deps.surface } : {}),
  });
  const live = createLiveMessage({
    surface,
    clock: deps.clock,
    logger,
    ...(deps.live ? { options: deps.live } : {}),
  });

  let status: string | undefined;
  let finalText: string = MESSAGES.planFailed;
  try {
    for await (const event of job.events) {
      if (event.type === "stage") {
        status = event.state === "started" ? STAGE_STATUS[event.stage] : status;
        continue;
      }
      if (event.type === "text") {
        live.update(event.text, status);
        continue;
      }
      if (event.type === "failed") {
        finalText = event.message;
        break;
      }
      finalText = [event.text, ...event.meta.notices.map((notice) => `Note: ${notice}`)].join(
        "\n\n",
      );
      closing = await shareComponents(deps);
    }
  } catch (error) {
    logger.error({ err: error }, "plan stream failed");
    finalText = MESSAGES.planFailed;
  }

  const result = await live.finish(finalText);
  if (result.status !== "delivered") {
    logger.warn({ status: result.status }, "the finished plan may not have reached the member");
  }
  return result;
}

/** The share button, in servers only: the plan was just saved as the newest week. */
async function shareComponents(deps: StreamPlanDeps): Promise<ActionRow[]> {
  if (!deps.interaction.inGuild()) return [];
  const [latest] = await deps.store.listHistory(deps.user, 1);
  return latest ? shareRow(deps.interaction.user.id, latest.week) : [];
}
