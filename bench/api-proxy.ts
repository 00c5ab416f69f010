/**
 * A loopback proxy in front of a fake chat API that records every request (when, which chat,
 * what text, what status) and can enforce one edit per interval per chat the way Telegram and
 * Discord do, answering a faster edit with the platform's own 429. The benchmarks read API calls,
 * 429s and the moment plan text first reached a chat from it.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";

/** What the proxy needs to know about one platform's requests. */
export interface PlatformRules {
  /** The chat a request belongs to, or undefined when it belongs to none. */
  chatOf(
    method: string,
    path: string,
    body: Record<string, unknown> | undefined,
  ): string | undefined;
  /** Whether the request edits a message, so the edit interval applies. */
  isEdit(method: string, path: string): boolean;
  /** The visible text a request shows, when it sends or edits a message. */
  textOf(body: Record<string, unknown> | undefined): string | undefined;
  /** The 429 answer, in the platform's format, for an edit that comes too soon. */
  tooSoon(retryAfterSeconds: number): { headers: Record<string, string>; body: unknown };
}

export interface ProxiedCall {
  /** performance.now() when the request arrived. */
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly chat: string | undefined;
  readonly text: string | undefined;
  readonly edit: boolean;
  status: number;
}

export interface ProxyOptions {
  readonly upstream: string;
  readonly rules: PlatformRules;
  /** Enforce this gap between two edits in one chat; the upstream's own rules apply too. */
  readonly editIntervalMs?: number;
  /** Called once the answer for a call has been sent back. */
  readonly onAnswered?: (call: ProxiedCall) => void;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const HOP_HEADERS = new Set([
  "host",
  "connection",
  "content-length",
  "transfer-encoding",
  "keep-alive",
]);

export async function startApiProxy(options: ProxyOptions) {
  const calls: ProxiedCall[] = [];
  const lastEdit = new Map<string, number>();
  const { rules } = options;

  const server = createServer((request, response) => {
    void (async () => {
      const raw = await readBody(request);
      const method = request.method ?? "GET";
      const path = request.url ?? "/";
      const json = (request.headers["content-type"] ?? "").includes("application/json");
      let body: Record<string, unknown> | undefined;
      if (json && raw.length > 0) {
        try {
          body = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
        } catch {
          body = undefined;
        }
      }
      const edit = rules.isEdit(method, path);
      const call: ProxiedCall = {
        at: performance.now(),
        method,
        path,
        chat: rules.chatOf(method, path, body),
        text: rules.textOf(body),
        edit,
        status: 0,
      };
      calls.push(call);

      if (edit && call.chat !== undefined && options.editIntervalMs !== undefined) {
        const since = call.at - (lastEdit.get(call.chat) ?? Number.NEGATIVE_INFINITY);
        if (since < options.editIntervalMs) {
          const wait = Math.max(1, Math.ceil((options.editIntervalMs - since) / 1_000));
          const answer = rules.tooSoon(wait);
          call.status = 429;
          response.writeHead(429, { "content-type": "application/json", ...answer.headers });
          response.end(JSON.stringify(answer.body));
          options.onAnswered?.(call);
          return;
        }
      }

      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (!HOP_HEADERS.has(name) && typeof value === "string") headers[name] = value;
      }
      const upstream = await fetch(new URL(path, options.upstream), {
        method,
        headers,
        ...(raw.length > 0 ? { body: raw } : {}),
      });
      const answer = Buffer.from(await upstream.arrayBuffer());
      call.status = upstream.status;
      if (edit && call.chat !== undefined && upstream.ok) lastEdit.set(call.chat, call.at);
      const out: Record<string, string> = {};
      upstream.headers.forEach((value, name) => {
        if (!HOP_HEADERS.has(name) && name !== "content-encoding") out[name] = value;
      });
      response.writeHead(upstream.status, out);
      response.end(answer);
      options.onAnswered?.(call);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    async close(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type ApiProxy = Awaited<ReturnType<typeof startApiProxy>>;

/** Telegram: `POST /bot<token>/<method>` with chat_id and text in a JSON body. */
export const TELEGRAM_RULES: PlatformRules = {
  chatOf: (_method, _path, body) =>
    body?.chat_id === undefined ? undefined : String(body.chat_id),
  isEdit: (_method, path) => /\/(editMessageText|editMessageReplyMarkup)$/.test(path),
  textOf: (body) => (typeof body?.text === "string" ? body.text : undefined),
  tooSoon: (seconds) => ({
    headers: {},
    body: {
      ok: false,
      error_code: 429,
      description: `Too Many Requests: retry after ${seconds}`,
      parameters: { retry_after: seconds },
    },
  }),
};

/** Discord: interaction webhooks by token, channel messages by channel id; PATCH edits. */
export const DISCORD_RULES: PlatformRules = {
  chatOf(_method, path) {
    const webhook = /\/webhooks\/\d+\/([^/?]+)/.exec(path);
    if (webhook) return `token:${webhook[1]}`;
    const callback = /\/interactions\/\d+\/([^/?]+)\/callback/.exec(path);
    if (callback) return `token:${callback[1]}`;
    const channel = /\/channels\/(\d+)\/messages/.exec(path);
    return channel ? `channel:${channel[1]}` : undefined;
  },
  isEdit: (method) => method === "PATCH",
  textOf(body) {
    if (typeof body?.content === "string") return body.content;
    const data = body?.data as { content?: unknown } | undefined;
    return typeof data?.content === "string" ? data.content : undefined;
  },
  tooSoon: (seconds) => ({
    headers: {
      "retry-after": String(seconds),
      "x-ratelimit-limit": "1",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset-after": String(seconds),
      "x-ratelimit-bucket": "bench-edit-bucket",
      "x-ratelimit-scope": "user",
    },
    body: { message: "You are being rate limited.", retry_after: seconds, global: false },
  }),
};
