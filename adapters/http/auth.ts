/**
 * API keys and client identity. Keys are compared as SHA-256 digests with a constant-time
 * comparison against every configured key, so neither the answer time nor an early exit tells how
 * much of a guess was right. A client is known to the limiter by a digest of its key, or by its
 * address when keys are off; a raw key never reaches the store or the logs.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import { HttpError } from "./errors.js";

/** How a request is allowed in: with a key (by its digest), or openly (by its address). */
export type Caller =
  | { readonly kind: "key"; readonly id: string }
  | { readonly kind: "address"; readonly id: string };

export interface Auth {
  readonly required: boolean;
  /** The caller of a request; throws a 401 {@link HttpError} when a key is required and wrong. */
  identify(req: IncomingMessage): Caller;
}

const digest = (text: string): Buffer => createHash("sha256").update(text, "utf8").digest();

/** Splits `HTTP_API_KEYS` (comma-separated) into keys, ignoring blanks. */
export function parseApiKeys(raw: string | undefined): string[] {
  return (raw ?? "")
    .split(",")
    .map((key) => key.trim())
    .filter((key) => key !== "");
}

/** True for 127.0.0.0/8, ::1 and localhost: addresses no other machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (bare === "localhost") return true;
  if (isIP(bare) === 4) return bare.startsWith("127.");
  const mapped = bare.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/)?.[1];
  if (mapped) return mapped.startsWith("127.");
  return bare === "::1";
}

/** Refuses a server that anyone on the network could use for free. */
export function checkExposure(host: string, keys: readonly string[]): void {
  if (keys.length === 0 && !isLoopbackHost(host)) {
    throw new Error(
      `HTTP_HOST is ${host}, which other machines can reach, and HTTP_API_KEYS is empty: set API keys or bind 127.0.0.1`,
    );
  }
}

/** `::ffff:10.0.0.1` and `10.0.0.1` are one client. */
function addressOf(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? "unknown";
  return address.startsWith("::ffff:") ? address.slice("::ffff:".length) : address;
}

function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header?.match(/^Bearer[ \t]+(\S+)[ \t]*$/i);
  return match?.[1];
}

const unauthorized = (message: string, error?: string) =>
  new HttpError(401, "unauthorized", message, {
    "www-authenticate": error
      ? `Bearer realm="fitplan", error="${error}"`
      : 'Bearer realm="fitplan"',
  });

export function createAuth(keys: readonly string[]): Auth {
  const digests = keys.map(digest);

  function matches(token: string): boolean {
    const presented = digest(token);
    let found = false;
    // Every key is compared, whatever matched before, so timing does not depend on the position.
    for (const known of digests) found = timingSafeEqual(presented, known) || found;
    return found;
  }

  return {
    required: digests.length > 0,
    identify(req) {
      if (digests.length === 0) return { kind: "address", id: addressOf(req) };
      const token = bearerToken(req);
      if (!token) throw unauthorized("An API key is required: send Authorization: Bearer <key>.");
      if (!matches(token)) throw unauthorized("The API key is not valid.", "invalid_token");
      return { kind: "key", id: digest(token).toString("hex").slice(0, 32) };
    },
  };
}

/** The limiter key of a caller, such as `http:key:3f2a...` or `http:ip:10.0.0.7`. */
export function limitKeyOf(caller: Caller): string {
  return caller.kind === "key" ? `http:key:${caller.id}` : `http:ip:${caller.id}`;
}
