/**
 * The small interfaces the core needs from the outside world. The composition root supplies real
 * ones; tests supply controlled ones.
 */

/** Structured logging, shaped like pino so pino can be passed as it is. */
export interface Logger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** Wall-clock time in milliseconds since the epoch. */
export type Clock = () => number;

/** A logger that drops everything, for tests and tools that print their own output. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};

export const systemClock: Clock = () => Date.now();

/** A user across platforms: `telegram:123`, `discord:456`, `cli:alice`, `http:<key hash>`. */
export type UserKey = `${string}:${string}`;

export function userKey(platform: string, id: string | number): UserKey {
  return `${platform}:${id}`;
}
