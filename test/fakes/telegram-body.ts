/**
 * Reads a Bot API request's parameters the ways Telegram accepts them: the query string, a JSON
 * body, a url-encoded form, or multipart form data (how files are uploaded). Form values that hold
 * JSON (reply_markup, commands) are decoded, as Telegram does.
 */
import type { IncomingMessage } from "node:http";

export interface UploadedFile {
  readonly field: string;
  readonly filename: string;
  readonly content: Buffer;
}

export interface ApiRequest {
  readonly params: Record<string, unknown>;
  readonly files: UploadedFile[];
}

export async function readApiRequest(request: IncomingMessage, url: URL): Promise<ApiRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const params: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) params[key] = decodeFormValue(value);

  const type = request.headers["content-type"] ?? "";
  if (body.length === 0) return { params, files: [] };
  if (type.startsWith("application/json")) {
    return { params: { ...params, ...(JSON.parse(body.toString("utf8")) as object) }, files: [] };
  }
  if (type.startsWith("application/x-www-form-urlencoded")) {
    for (const [key, value] of new URLSearchParams(body.toString("utf8"))) {
      params[key] = decodeFormValue(value);
    }
    return { params, files: [] };
  }
  const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1];
  if (type.startsWith("multipart/form-data") && boundary) {
    const files: UploadedFile[] = [];
    for (const part of splitMultipart(body, boundary)) {
      if (part.filename === undefined) params[part.name] = decodeFormValue(part.content.toString());
      else files.push({ field: part.name, filename: part.filename, content: part.content });
    }
    return { params, files };
  }
  throw new Error(`unsupported content type: ${type}`);
}

/** Numbers and JSON objects arrive as text in forms. */
function decodeFormValue(value: string): unknown {
  if (/^-?\d+$/.test(value)) return Number(value);
  if (value.startsWith("{") || value.startsWith("[")) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  if (value === "true" || value === "false") return value === "true";
  return value;
}

interface Part {
  readonly name: string;
  readonly filename?: string;
  readonly content: Buffer;
}

function splitMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    // Each part: CRLF, headers, blank line, content, CRLF before the next delimiter.
    const raw = body.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = raw.indexOf("\r\n\r\n");
    if (headerEnd >= 0) {
      const headers = raw.subarray(0, headerEnd).toString("utf8");
      const name = /(?:^|[;\s])name="([^"]*)"/.exec(headers)?.[1];
      const filename = /filename="?([^";\r\n]+)"?/.exec(headers)?.[1];
      const content = raw.subarray(headerEnd + 4);
      if (name !== undefined)
        parts.push(filename === undefined ? { name, content } : { name, filename, content });
    }
    start = next;
  }
  return parts;
}
