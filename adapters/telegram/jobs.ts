/**
 * Work that outlives the update that started it, such as a plan streaming into a chat. Updates are
 * answered at once (a webhook must not wait for a plan) and the work runs here, where shutdown can
 * wait for it.
 */
import type { Logger } from "../../src/ports.js";

export interface Jobs {
  /** Runs `work` in the background; a failure is logged, never thrown. */
  run(name: string, work: () => Promise<void>): void;
  /** Resolves when every job has ended, or after `graceMs`; true when all ended. */
  drain(graceMs: number): Promise<boolean>;
  readonly size: number;
}

export function createJobs(logger: Logger): Jobs {
  const running = new Set<Promise<void>>();

  return {
    run(name, work) {
      const job = work()
        .catch((error: unknown) => logger.error({ err: error, job: name }, "background job failed"))
        .finally(() => running.delete(job));
      running.add(job);
    },

    async drain(graceMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), graceMs);
      });
      const done = Promise.all([...running]).then(() => true);
      const ended = await Promise.race([done, timeout]);
      clearTimeout(timer);
      return ended;
    },

    get size() {
      return running.size;
    },
  };
}
