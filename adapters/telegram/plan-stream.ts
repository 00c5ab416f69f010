/**
 * Shows a plan being made: a typing action, then the plan growing in one message with the stage
 * progress on top, then the finished plan, formatted, with buttons for the next steps.
 */
import type { Api } from "grammy";
import type { PlanJob } from "../../src/coach.js";
import {
  createLiveMessage,
  type LiveMessageOptions,
  type LiveResult,
  type SurfaceLimits,
} from "../../src/live-message/index.js";
import { MESSAGES } from "../../src/messages.js";
import type { Clock, Logger } from "../../src/ports.js";
import { nextStepsKeyboard } from "./keyboard.js";
import { createChatSurface } from "./surface.js";
import { TELEGRAM_WORDS } from "./words.js";

export interface PlanStreamDeps {
  /** An Api without auto-retry; see surface.ts. */
  readonly rawApi: Api;
  readonly api: Api;
  readonly chatId: number;
  /** The user the next-step buttons belong to. */
  readonly owner: number;
  readonly job: PlanJob;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly replyTo?: number;
  readonly limits?: Partial<SurfaceLimits>;
  readonly live?: Partial<LiveMessageOptions>;
}

export async function streamPlan(deps: PlanStreamDeps): Promise<LiveResult<number>> {
  const { job, logger } = deps;
  let title: string | undefined;
  let finished = false;
  const surface = createChatSurface({
    api: deps.rawApi,
    chatId: deps.chatId,
    closingKeyboard: () => (finished ? nextStepsKeyboard(deps.owner) : undefined),
    title: () => title,
    ...(deps.replyTo !== undefined ? { replyTo: deps.replyTo } : {}),
    ...(deps.limits ? { limits: deps.limits } : {}),
  });
  const live = createLiveMessage({
    surface,
    clock: deps.clock,
    logger,
    ...(deps.live ? { options: deps.live } : {}),
  });
  const typing = () => deps.api.sendChatAction(deps.chatId, "typing").catch(() => undefined);

  await typing();
  let status: string = TELEGRAM_WORDS.stages.validate;
  let text = "";
  let result: LiveResult<number> | undefined;
  try {
    for await (const event of job.events) {
      if (event.type === "stage" && event.state === "started") {
        status = TELEGRAM_WORDS.stages[event.stage];
        if (text === "") await typing();
        else live.update(text, status);
      } else if (event.type === "text") {
        text = event.text;
        live.update(text, status);
      } else if (event.type === "done") {
        title = event.plan.title;
        finished = true;
        result = await live.finish([event.text, ...event.meta.notices].join("\n\n"));
      } else if (event.type === "failed") {
        result = await live.finish(event.message);
      }
    }
  } catch (error) {
    logger.error({ err: error }, "plan stream failed");
    job.cancel();
  }
  result ??= await live.finish(MESSAGES.planFailed);

  if (result.status === "uncertain") {
    await deps.api.sendMessage(deps.chatId, TELEGRAM_WORDS.planMayBeMissing);
  } else if (result.status === "failed") {
    logger.warn({ reason: result.reason }, "the finished plan could not be delivered");
  }
  return result;
}
