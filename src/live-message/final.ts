/**
 * Delivering the finished text: each piece lands exactly once. Edits are repeated until they are
 * known to have taken effect, since editing twice to the same text changes nothing. A send is
 * repeated only when it surely did not take effect; a send with an unknown outcome is not
 * repeated, because a second copy of a plan is the one mistake a user would see.
 */
import type { Logger } from "../ports.js";
import type { Pacer } from "./requests.js";
import type { LiveMessageOptions, LiveResult, MessageSurface } from "./types.js";

/** Where one piece of the finished text goes: into an existing message, or a new one. */
export interface PieceTarget<Id> {
  readonly text: string;
  readonly closing: boolean;
  readonly messageId?: Id;
}

export interface FinalDeps<Id> {
  readonly surface: MessageSurface<Id>;
  readonly pacer: Pacer;
  readonly logger: Logger;
  readonly options: LiveMessageOptions;
}

type PieceOutcome<Id> =
  | { readonly kind: "ok"; readonly id: Id }
  | { readonly kind: "uncertain" }
  | { readonly kind: "failed"; readonly reason: string };

/** Delivers the pieces in order and stops at the first that cannot be delivered. */
export async function deliverPieces<Id>(
  deps: FinalDeps<Id>,
  pieces: readonly PieceTarget<Id>[],
): Promise<LiveResult<Id>> {
  const messages: Id[] = [];
  for (const piece of pieces) {
    const outcome = await deliverPiece(deps, piece);
    if (outcome.kind === "uncertain") return { status: "uncertain", messages };
    if (outcome.kind === "failed") return { status: "failed", messages, reason: outcome.reason };
    messages.push(outcome.id);
  }
  return { status: "delivered", messages };
}

async function deliverPiece<Id>(
  deps: FinalDeps<Id>,
  piece: PieceTarget<Id>,
): Promise<PieceOutcome<Id>> {
  const { surface, pacer, logger, options } = deps;
  let formatted = surface.format !== undefined;
  let id = piece.messageId;

  for (let attempt = 1; attempt <= options.finalAttempts; attempt += 1) {
    const text = formatted && surface.format ? surface.format(piece.text) : piece.text;
    const delivery = { formatted, closing: piece.closing };
    const target = id;

    if (target !== undefined) {
      const result = await pacer.run(() => surface.edit(target, text, delivery));
      if (result.ok) return { kind: "ok", id: target };

      const failure = result.failure;
      if (failure.kind === "not_modified") return { kind: "ok", id: target };
      if (failure.kind === "not_found") {
        logger.info({}, "live message was deleted; sending the finished text afresh");
        id = undefined;
      } else if (failure.kind === "bad_format" && formatted) {
        logger.warn({}, "formatting rejected; sending the finished text as plain text");
        formatted = false;
      } else if (failure.kind === "not_delivered" || failure.kind === "unknown") {
        pacer.backOff(attempt);
      } else if (failure.kind !== "flood") {
        return rejected(failure);
      }
      continue;
    }

    const result = await pacer.run(() => surface.send(text, delivery));
    if (result.ok) return { kind: "ok", id: result.value };

    const failure = result.failure;
    if (failure.kind === "unknown") {
      logger.warn({}, "a send of the finished text has an unknown outcome; not repeating it");
      return { kind: "uncertain" };
    }
    if (failure.kind === "bad_format" && formatted) {
      logger.warn({}, "formatting rejected; sending the finished text as plain text");
      formatted = false;
    } else if (failure.kind === "not_delivered") {
      pacer.backOff(attempt);
    } else if (failure.kind !== "flood") {
      return rejected(failure);
    }
  }

  return { kind: "failed", reason: `gave up after ${options.finalAttempts} attempts` };
}

function rejected(failure: { kind: string; reason?: string }): { kind: "failed"; reason: string } {
  return { kind: "failed", reason: failure.reason ?? failure.kind };
}
