/**
 * Paced requests for one live message: one at a time, no closer together than the surface's
 * interval, and none before a flood pause has passed.
 */
import type { Clock, Logger } from "../ports.js";
import type { LiveMessageOptions, MessageSurface, SurfaceFailure } from "./types.js";

export type Sleep = (ms: number) => Promise<void>;

export type Attempt<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly failure: SurfaceFailure };

export interface Pacer {
  /** Waits for the next allowed moment, runs `request` and reads its failure, if any. */
  run<T>(request: () => Promise<T>): Promise<Attempt<T>>;
  /** Milliseconds until the next request may start; zero when it may start now. */
  waitMs(): number;
  /** Holds the next request back by an extra delay, doubling with each retry of one piece. */
  backOff(attempt: number): void;
}

export interface PacerDeps {
  readonly surface: MessageSurface<unknown>;
  readonly clock: Clock;
  readonly sleep: Sleep;
  readonly logger: Logger;
  readonly options: LiveMessageOptions;
}

export function createPacer(deps: PacerDeps): Pacer {
  const { surface, clock, sleep, logger, options } = deps;
  let readyAt = 0;

  function holdUntil(at: number): void {
    readyAt = Math.max(readyAt, at);
  }

  return {
    waitMs() {
      return Math.max(0, readyAt - clock());
    },

    async run(request) {
      const wait = readyAt - clock();
      if (wait > 0) await sleep(wait);

      try {
        return { ok: true, value: await request() };
      } catch (error) {
        const failure = surface.classify(error);
        if (failure.kind === "flood") {
          const pauseMs = Math.min(Math.max(0, failure.retryAfterMs), options.maxFloodWaitMs);
          logger.warn({ retryAfterMs: failure.retryAfterMs, pauseMs }, "live message flood wait");
          holdUntil(clock() + pauseMs);
        } else if (failure.kind !== "not_modified") {
          logger.debug({ failure: failure.kind }, "live message request failed");
        }
        return { ok: false, failure };
      } finally {
        // Counted from the end of a request, so a slow answer never squeezes the next one closer.
        holdUntil(clock() + surface.limits.minEditIntervalMs);
      }
    },

    backOff(attempt) {
      const delay = Math.min(options.retryBaseMs * 2 ** (attempt - 1), options.maxFloodWaitMs);
      holdUntil(clock() + delay);
    },
  };
}
