/**
 * The live message: shows a growing text by editing one message, within a platform's limits.
 *
 * - Nothing is sent until the text says something ({@link LiveMessageOptions.minFirstChars}).
 * - Then at most one request per interval, one at a time, always with the newest text; texts that
 *   arrive in between are dropped, and an edit to the text already shown is skipped.
 * - A flood error pauses until its retry-after (capped) and resumes with the newest text.
 * - "Not modified" is a success; a deleted message is replaced by a fresh one.
 * - Past the length limit, the message is completed at a line break and never edited again; the
 *   text continues in a new message.
 * - While streaming, a send with an unknown outcome is not repeated: the next text goes out as a
 *   new message at the next turn, so at worst one stray partial preview stays in the chat. Sends
 *   of the finished text follow the stricter rules in final.ts.
 */
import type { Clock, Logger } from "../ports.js";
import { deliverPieces, type PieceTarget } from "./final.js";
import { createPacer, type Sleep } from "./requests.js";
import { cutText, skipBreaks, splitText } from "./split.js";
import type {
  LiveMessage,
  LiveMessageOptions,
  LiveResult,
  MessageSurface,
  SurfaceFailure,
} from "./types.js";

export const LIVE_MESSAGE_DEFAULTS = {
  minFirstChars: 40,
  maxFloodWaitMs: 30_000, // 30 s
  finalAttempts: 8,
  retryBaseMs: 1_000, // 1 s, then 2 s, 4 s, ...
} as const satisfies LiveMessageOptions;

/** Shown in place of a completed message that the finished text no longer needs. */
const RETIRED_TEXT = "(The text continues above.)";

export interface LiveMessageDeps<Id> {
  readonly surface: MessageSurface<Id>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Waits; defaults to a timer. */
  readonly sleep?: Sleep;
  readonly options?: Partial<LiveMessageOptions>;
}

const timerSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates a live message for one growing text. Nothing is sent until the first `update`. */
export function createLiveMessage<Id>(deps: LiveMessageDeps<Id>): LiveMessage<Id> {
  const { surface, clock, logger } = deps;
  const sleep = deps.sleep ?? timerSleep;
  const options = { ...LIVE_MESSAGE_DEFAULTS, ...deps.options };
  const pacer = createPacer({ surface, clock, sleep, logger, options });
  const maxChars = surface.limits.maxChars;

  let body = "";
  let status: string | undefined;
  // Completed messages, and how much of `body` they hold.
  const sealed: Id[] = [];
  let sealedSource = "";
  let current: { id: Id; shown: string | undefined } | undefined;
  let everSent = false;
  let looping = false;
  let loopDone: Promise<void> = Promise.resolve();
  let finishing = false;
  let halted = false;

  function rest(): string {
    return body.slice(skipBreaks(body, sealedSource.length));
  }

  // A status line may use at most half a message, so the text always has room.
  function statusReserve(): number {
    return status && status.length + 2 <= maxChars / 2 ? status.length + 2 : 0;
  }

  function compose(text: string): string {
    return statusReserve() > 0 ? `${status}\n\n${text}` : text;
  }

  function nextStep(): (() => Promise<void>) | undefined {
    const text = rest();
    const budget = maxChars - statusReserve();
    if (text.length > budget) return () => seal(text, budget);

    const shown = compose(text);
    if (!current) {
      if (!everSent && text.trim().length < options.minFirstChars) return undefined;
      return () => sendFresh(shown);
    }
    if (shown === current.shown) return undefined;
    const { id } = current;
    return () => editCurrent(id, shown);
  }

  async function seal(text: string, budget: number): Promise<void> {
    const cut = cutText(text, budget);
    const start = skipBreaks(body, sealedSource.length);
    const complete = (id: Id) => {
      sealed.push(id);
      sealedSource = body.slice(0, start + cut.restAt);
      current = undefined;
    };

    const target = current;
    if (target) {
      const result = await pacer.run(() => surface.edit(target.id, cut.head, PREVIEW));
      if (result.ok || result.failure.kind === "not_modified") complete(target.id);
      else onFailure(result.failure, "edit");
      return;
    }
    const result = await pacer.run(() => surface.send(cut.head, PREVIEW));
    if (result.ok) {
      everSent = true;
      complete(result.value);
    } else onFailure(result.failure, "send");
  }

  async function sendFresh(text: string): Promise<void> {
    const result = await pacer.run(() => surface.send(text, PREVIEW));
    if (result.ok) {
      everSent = true;
      current = { id: result.value, shown: text };
    } else onFailure(result.failure, "send");
  }

  async function editCurrent(id: Id, text: string): Promise<void> {
    const result = await pacer.run(() => surface.edit(id, text, PREVIEW));
    const failure = result.ok ? undefined : result.failure;
    if (!failure || failure.kind === "not_modified") {
      if (current?.id === id) current.shown = text;
      return;
    }
    onFailure(failure, "edit");
  }

  function onFailure(failure: SurfaceFailure, request: "send" | "edit"): void {
    if (failure.kind === "not_found" && request === "edit") {
      logger.info({}, "live message was deleted; continuing in a new one");
      current = undefined;
    } else if (failure.kind === "unknown" && request === "edit" && current) {
      current.shown = undefined;
    } else if (failure.kind === "unknown") {
      logger.warn({}, "a live message send has an unknown outcome; not repeating it");
      everSent = true;
    } else if (failure.kind === "rejected" || failure.kind === "bad_format") {
      logger.warn({ failure: failure.kind }, "live message updates stopped");
      halted = true;
    }
    // flood and not_delivered: the pacer already holds the next request back.
  }

  async function loop(): Promise<void> {
    for (;;) {
      const step = finishing || halted ? undefined : nextStep();
      if (!step) {
        looping = false;
        return;
      }
      const wait = pacer.waitMs();
      if (wait > 0) await sleep(wait);
      else await step();
    }
  }

  function wake(): void {
    if (looping || finishing) return;
    looping = true;
    loopDone = loop().catch((error: unknown) => {
      looping = false;
      logger.error({ err: error }, "live message stream failed");
    });
  }

  function finishedPieces(text: string): PieceTarget<Id>[] {
    // When the finished text no longer begins with what the completed messages hold (the plan
    // was repaired or replaced), it is laid over all messages from the first one.
    const keepsSealed = text.startsWith(sealedSource);
    const reuse = keepsSealed ? [] : [...sealed];
    const from = keepsSealed ? skipBreaks(text, sealedSource.length) : 0;
    if (current) reuse.push(current.id);

    const pieces = splitText(text.slice(from), maxChars);
    const targets: PieceTarget<Id>[] = pieces.map((piece, index) => {
      const closing = index === pieces.length - 1;
      const messageId = reuse[index];
      return messageId === undefined
        ? { text: piece, closing }
        : { text: piece, closing, messageId };
    });
    for (const messageId of reuse.slice(pieces.length)) {
      targets.push({ text: RETIRED_TEXT, closing: false, messageId });
    }
    return targets;
  }

  return {
    update(text, nextStatus) {
      if (finishing) return;
      body = text;
      status = nextStatus;
      wake();
    },

    async finish(text): Promise<LiveResult<Id>> {
      if (finishing) throw new Error("finish() was called twice on one live message");
      finishing = true;
      await loopDone;

      const targets = finishedPieces(text);
      const result = await deliverPieces({ surface, pacer, logger, options }, targets);
      if (!text.startsWith(sealedSource)) return result;
      return { ...result, messages: [...sealed, ...result.messages] };
    },
  };
}

const PREVIEW = { formatted: false, closing: false } as const;
