/**
 * A fake Discord REST API on loopback, enough for discord.js's REST client: interaction callbacks,
 * the interaction webhook (edits of `@original` and follow-ups), channel messages, DM channels and
 * bulk command overwrites. It records every request in order, keeps each message's latest body,
 * and can answer chosen requests with a 429 that carries `retry_after` and the rate-limit headers,
 * or refuse an expired interaction token the way Discord does.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const FAKE_APP_ID = "100000000000000001";
export const FAKE_BOT_ID = "100000000000000002";

/** One request as the fake saw it. */
export interface DiscordRequest {
  readonly method: string;
  /** The path after `/api/v10`, such as `/interactions/1/tok/callback`. */
  readonly path: string;
  readonly body: Record<string, unknown> | undefined;
  readonly authorized: boolean;
  /** What the fake answered. */
  readonly status: number;
}

/** A message the bot sent or edited, as it stands now. */
export interface FakeMessage {
  readonly id: string;
  /** `token:<interaction token>` for interaction messages, `channel:<id>` otherwise. */
  readonly where: string;
  content: string;
  components: unknown[];
  flags: number;
  /** Every content the message has shown, in order. */
  readonly history: string[];
  /** When it last changed, counted in requests; the highest is the newest. */
  touched: number;
}

export interface FakeRateLimit {
  readonly method: string;
  readonly path: RegExp;
  /** Seconds, as Discord sends them. */
  readonly retryAfter: number;
}

export interface FakeDiscordApi {
  /** For discord.js's `rest.api` option, such as http://127.0.0.1:PORT/api. */
  readonly api: string;
  readonly requests: DiscordRequest[];
  /** Messages in the order they were created. */
  readonly messages: FakeMessage[];
  /** Interaction callbacks: the response type and its data, in order. */
  callbacks(): {
    interactionId: string;
    token: string;
    type: number;
    data: Record<string, unknown>;
  }[];
  /** Messages of one interaction token: `@original` first, then follow-ups. */
  interactionMessages(token: string): FakeMessage[];
  /** Answers the next request that matches with a 429. */
  rateLimitNext(limit: FakeRateLimit): void;
  /** Called after each request is answered, with the request as recorded. */
  onRequest?: (request: DiscordRequest) => void;
  /**
   * Says which message a component interaction came from: its token's `@original` is that
   * message, as on Discord, so an update or a deferred edit changes it in place.
   */
  attachToMessage(token: string, messageId: string): void;
  /** Makes every webhook request with this token fail as Discord fails an expired token. */
  expireToken(token: string): void;
  close(): Promise<void>;
}

let nextId = 200_000_000_000_000_000n;
function snowflake(): string {
  nextId += 1n;
  return nextId.toString();
}

/** A message as Discord's REST API and gateway describe it. */
export function messageJson(message: FakeMessage, channelId: string) {
  return {
    id: message.id,
    channel_id: channelId,
    type: 0,
    content: message.content,
    author: {
      id: FAKE_BOT_ID,
      username: "fitplan",
      discriminator: "0",
      avatar: null,
      bot: true,
      global_name: null,
    },
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: message.components,
    pinned: false,
    flags: message.flags,
    application_id: FAKE_APP_ID,
  };
}

export async function startFakeDiscordApi(): Promise<FakeDiscordApi> {
  const requests: DiscordRequest[] = [];
  const messages: FakeMessage[] = [];
  const byKey = new Map<string, FakeMessage>();
  const limits: FakeRateLimit[] = [];
  const expired = new Set<string>();
  let fake: FakeDiscordApi | undefined;

  function upsert(where: string, key: string, body: Record<string, unknown>): FakeMessage {
    const content = typeof body.content === "string" ? body.content : "";
    let message = byKey.get(`${where}/${key}`);
    if (!message) {
      message = {
        id: snowflake(),
        where,
        content,
        components: [],
        flags: 0,
        history: [],
        touched: 0,
      };
      byKey.set(`${where}/${key}`, message);
      messages.push(message);
    }
    if ("content" in body) message.content = content;
    if (Array.isArray(body.components)) message.components = body.components;
    if (typeof body.flags === "number") message.flags = body.flags;
    message.history.push(message.content);
    message.touched = requests.length;
    return message;
  }

  function route(method: string, path: string, body: Record<string, unknown>): [number, unknown] {
    let match = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
    if (method === "POST" && match) {
      const token = match[2] ?? "";
      const type = Number(body.type);
      const data = (body.data ?? {}) as Record<string, unknown>;
      // Types 4 and 5 create a new reply; 7 updates the message the component is on.
      if (type === 4 || type === 5) byKey.delete(`token:${token}/@original`);
      if (type === 4 || type === 7) upsert(`token:${token}`, "@original", data);
      if (type === 5)
        upsert(`token:${token}`, "@original", { content: "", flags: data.flags ?? 0 });
      return [204, undefined];
    }
    match = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/.exec(path);
    if (match) {
      const token = match[2] ?? "";
      if (expired.has(token)) return [401, { message: "Invalid Webhook Token", code: 50027 }];
      const key = match[3] ?? "";
      const existing = byKey.get(`token:${token}/${key}`);
      if (!existing) return [404, { message: "Unknown Message", code: 10008 }];
      if (method === "PATCH") return [200, messageJson(upsert(`token:${token}`, key, body), "1")];
      if (method === "GET") return [200, messageJson(existing, "1")];
      if (method === "DELETE") return [204, undefined];
    }
    match = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(path);
    if (method === "POST" && match) {
      const token = match[2] ?? "";
      if (expired.has(token)) return [401, { message: "Invalid Webhook Token", code: 50027 }];
      const message = upsert(`token:${token}`, snowflake(), body);
      byKey.set(`token:${token}/${message.id}`, message);
      return [200, messageJson(message, "1")];
    }
    if (method === "POST" && path === "/users/@me/channels") {
      const recipient = String(body.recipient_id ?? "");
      return [
        200,
        {
          id: `9${recipient.slice(1)}`,
          type: 1,
          recipients: [
            {
              id: recipient,
              username: "member",
              discriminator: "0",
              avatar: null,
              global_name: null,
            },
          ],
        },
      ];
    }
    match = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (method === "POST" && match) {
      const channel = match[1] ?? "";
      const message = upsert(`channel:${channel}`, snowflake(), body);
      byKey.set(`channel:${channel}/${message.id}`, message);
      return [200, messageJson(message, channel)];
    }
    match = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path);
    if (method === "PATCH" && match) {
      const channel = match[1] ?? "";
      if (!byKey.has(`channel:${channel}/${match[2]}`))
        return [404, { message: "Unknown Message", code: 10008 }];
      return [200, messageJson(upsert(`channel:${channel}`, match[2] ?? "", body), channel)];
    }
    match = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path);
    if (method === "PUT" && match) {
      const list = Array.isArray(body) ? body : [];
      return [
        200,
        list.map((command: object) => ({
          ...command,
          id: snowflake(),
          application_id: FAKE_APP_ID,
          version: snowflake(),
        })),
      ];
    }
    return [404, { message: "404: Not Found", code: 0 }];
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const method = request.method ?? "GET";
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ""));
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    const authorized = request.headers.authorization === "Bot fake-discord-token";

    const limitAt = limits.findIndex((limit) => limit.method === method && limit.path.test(path));
    if (limitAt >= 0) {
      const [limit] = limits.splice(limitAt, 1);
      const retryAfter = limit?.retryAfter ?? 1;
      requests.push({ method, path, body, authorized, status: 429 });
      response.writeHead(429, {
        "content-type": "application/json",
        "retry-after": String(retryAfter),
        "x-ratelimit-limit": "5",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset-after": String(retryAfter),
        "x-ratelimit-bucket": "fake-bucket",
        "x-ratelimit-scope": "user",
      });
      response.end(
        JSON.stringify({
          message: "You are being rate limited.",
          retry_after: retryAfter,
          global: false,
        }),
      );
      return;
    }

    const [status, answer] = route(method, path, body ?? {});
    const recorded: DiscordRequest = { method, path, body, authorized, status };
    requests.push(recorded);
    const headers: Record<string, string> = {
      "x-ratelimit-limit": "5",
      "x-ratelimit-remaining": "4",
      "x-ratelimit-reset-after": "1",
      "x-ratelimit-bucket": "fake-bucket",
    };
    if (answer === undefined) {
      response.writeHead(status, headers).end();
      fake?.onRequest?.(recorded);
      return;
    }
    response.writeHead(status, { ...headers, "content-type": "application/json" });
    response.end(JSON.stringify(answer));
    fake?.onRequest?.(recorded);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.writeHead(500).end());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;

  fake = {
    api: `http://127.0.0.1:${port}/api`,
    requests,
    messages,
    callbacks() {
      return requests
        .filter((request) => request.method === "POST" && request.path.endsWith("/callback"))
        .map((request) => {
          const [, , interactionId = "", token = ""] = request.path.split("/");
          return {
            interactionId,
            token,
            type: Number(request.body?.type),
            data: (request.body?.data ?? {}) as Record<string, unknown>,
          };
        });
    },
    interactionMessages(token) {
      const mine = new Set<FakeMessage>();
      for (const [key, message] of byKey) if (key.startsWith(`token:${token}/`)) mine.add(message);
      return messages.filter((message) => mine.has(message));
    },
    attachToMessage(token, messageId) {
      const message = messages.find((candidate) => candidate.id === messageId);
      if (message) byKey.set(`token:${token}/@original`, message);
    },
    rateLimitNext(limit) {
      limits.push(limit);
    },
    expireToken(token) {
      expired.add(token);
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
  return fake;
}
