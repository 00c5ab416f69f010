/**
 * Runs work one at a time per key and side by side across keys: each chat's updates are handled
 * in the order they came, while other chats do not wait for it.
 */
export interface Sequencer {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export function createSequencer(): Sequencer {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, work) {
      const before = tails.get(key) ?? Promise.resolve();
      const result = before.then(work, work);
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
