/**
 * A fake Telegram Bot API server on 127.0.0.1, speaking the real protocol: `POST
 * /bot<token>/<method>` with JSON, form or multipart bodies, answering `{ ok, result }` or
 * `{ ok: false, error_code, description, parameters }`. It enforces the limits a bot meets in
 * production (edit floods, text length, unchanged edits, HTML entities, button data size, deleted
 * messages) and gives tests the user's side of the chat: sending messages, pressing buttons,
 * deleting messages and reading what the bot wrote.
 */
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readApiRequest } from "./telegram-body.js";
import { ApiError, createFakeTelegramState, type FakeTelegramOptions } from "./telegram-state.js";

export type { FakeChat, FakeMessage, FakeTelegramOptions, FakeUser } from "./telegram-state.js";

export async function startFakeBotApi(options: FakeTelegramOptions = {}) {
  const token = options.token ?? "123456:fake-token";
  const events = new EventEmitter();
  const state = createFakeTelegramState({ ...options, token }, events);
  const scripted = new Map<string, ApiError[]>();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match || match[1] !== token) {
      return reply(response, 404, { ok: false, error_code: 404, description: "Not Found" });
    }
    const method = match[2] ?? "";
    try {
      const { params, files } = await readApiRequest(request, url);
      state.record(method, params, files);
      events.emit("change");
      const failure = scripted.get(method)?.shift();
      if (failure) throw failure;
      const result = await state.call(method, params, files);
      reply(response, 200, { ok: true, result });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const parameters =
        error.retryAfter === undefined ? {} : { parameters: { retry_after: error.retryAfter } };
      reply(response, error.code, {
        ok: false,
        error_code: error.code,
        description: error.description,
        ...parameters,
      });
    } finally {
      events.emit("change");
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      reply(response, 500, { ok: false, error_code: 500, description: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    token,
    /** The value for grammY's `client.apiRoot` and for TELEGRAM_API_ROOT. */
    apiRoot: `http://127.0.0.1:${port}`,
    ...state.helpers,

    /** The next call of `method` fails with this error before doing anything. */
    failNext(method: string, code: number, description: string, retryAfter?: number) {
      const queue = scripted.get(method) ?? [];
      queue.push(new ApiError(code, description, retryAfter));
      scripted.set(method, queue);
    },

    /** Resolves once `check` holds, re-checking after every API call and update. */
    waitFor<T>(check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
      return new Promise((resolve, reject) => {
        const test = () => {
          const value = check();
          if (value === undefined || value === false) return;
          cleanup();
          resolve(value);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`fake Bot API: condition not met in ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          events.off("change", test);
        };
        events.on("change", test);
        test();
      });
    },

    async close(): Promise<void> {
      state.shutdown();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeBotApi = Awaited<ReturnType<typeof startFakeBotApi>>;

function reply(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}
