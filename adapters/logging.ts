/**
 * The process logger: pino, writing JSON lines through a filter that masks every configured
 * secret, wherever it appears (a field, an error message, a URL in a stack trace).
 */
import { Writable } from "node:stream";
import pino from "pino";
import type { Logger } from "../src/ports.js";

export interface LoggerOptions {
  readonly level: string;
  readonly secrets: readonly string[];
  /** Where lines go; standard error by default, so the terminal chat keeps standard output. */
  readonly destination?: NodeJS.WritableStream;
}

const MASK = "[redacted]";

/** Replaces each secret in `text`; longer secrets first so a secret inside another is covered. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 4) masked = masked.split(secret).join(MASK);
  }
  return masked;
}

function maskingStream(target: NodeJS.WritableStream, secrets: readonly string[]): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      target.write(maskSecrets(chunk.toString(), secrets));
      done();
    },
  });
}

export function createLogger(options: LoggerOptions): Logger {
  const destination = options.destination ?? process.stderr;
  return pino(
    {
      level: options.level,
      base: { app: "fitplan" },
      redact: {
        paths: ["token", "apiKey", "*.token", "*.apiKey", "headers.authorization"],
        censor: MASK,
      },
    },
    maskingStream(destination, options.secrets),
  );
}
