/**
 * Reading a JSON request body: the content type first, then at most `maxBytes` bytes, then the
 * parse. Each failure is its own status (415, 413, 400) and costs nothing downstream. An oversized
 * body is refused as soon as it is known to be too big, from its Content-Length or while it
 * streams in, so a client cannot make the server read megabytes it will throw away.
 */
import type { IncomingMessage } from "node:http";
import { HttpError } from "./errors.js";

export function isJsonContentType(header: string | undefined): boolean {
  const type = header?.split(";")[0]?.trim().toLowerCase();
  return type === "application/json";
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(
    413,
    "body_too_large",
    `The request body is larger than ${maxBytes} bytes.`,
    // The rest of the body stays unread, so this connection cannot carry another request.
    { connection: "close" },
  );
}

/**
 * Reads the body as text, refusing it once it passes `maxBytes`. Listeners rather than an async
 * iterator: leaving an iterator early destroys the socket, and the 413 could not be sent.
 */
function readLimited(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge(maxBytes));

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      stop();
      req.pause();
      reject(tooLarge(maxBytes));
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks).toString("utf8"));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

/** The parsed JSON body; throws an {@link HttpError} with 415, 413 or 400. */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  if (!isJsonContentType(req.headers["content-type"])) {
    throw new HttpError(
      415,
      "unsupported_media_type",
      "Send the profile as JSON with Content-Type: application/json.",
    );
  }
  const text = await readLimited(req, maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "invalid_json", "The request body is not valid JSON.");
  }
}
