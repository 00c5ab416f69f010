/**
 * A fake OpenAI-compatible chat-completions server on loopback. It streams the way the real API
 * does (SSE: a role delta, content deltas, a finish reason, a usage chunk when asked, `[DONE]`)
 * and can inject every fault the generator must survive. It records each request, so tests can
 * read the prompt and parameters and see whether the client hung up early.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";

/** What the fake does with one request. Everything is optional; the default is a clean answer. */
export interface Reply {
  /** Answer with this HTTP error status and an OpenAI-shaped error body instead of a stream. */
  readonly status?: number;
  readonly errorCode?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The model's text. Defaults to the server's `content`. */
  readonly content?: string;
  /** Stream a refusal delta with this text instead of content. */
  readonly refusal?: string;
  /** Characters per content delta. */
  readonly chunkSize?: number;
  readonly firstTokenDelayMs?: number;
  readonly chunkDelayMs?: number;
  /** Destroy the connection after this many content deltas. */
  readonly disconnectAfterChunks?: number;
  readonly finishReason?: "stop" | "length" | "content_filter";
  /** Send no usage chunk even when the client asks for one. */
  readonly omitUsage?: boolean;
  /** Usage to report; by default counted with the o200k tokenizer. */
  readonly usage?: { prompt: number; completion: number; cached?: number };
}

export interface RecordedRequest {
  readonly body: ChatBody;
  readonly headers: IncomingMessage["headers"];
  /** True once the client closed the connection before the answer was complete. */
  disconnected: boolean;
  /** Resolves when the response is over, either way. */
  readonly closed: Promise<void>;
}

export interface ChatBody {
  readonly model: string;
  readonly messages: { role: string; content: string }[];
  readonly stream?: boolean;
  readonly stream_options?: { include_usage?: boolean };
  readonly max_tokens?: number;
  readonly max_completion_tokens?: number;
  readonly [key: string]: unknown;
}

export interface FakeOpenAIServer {
  /** For the SDK's baseURL, such as http://127.0.0.1:PORT/v1. */
  readonly baseURL: string;
  readonly requests: RecordedRequest[];
  /** Replies used in order, one per request; after them, `respond` or the default answer. */
  enqueue(...replies: Reply[]): void;
  close(): Promise<void>;
}

export interface FakeOpenAIOptions {
  /** The default answer's text. */
  readonly content?: string;
  /** Decides the reply from the request, when no queued reply is left. */
  readonly respond?: (request: RecordedRequest) => Reply;
  /** Reject requests that set both max_tokens and max_completion_tokens, as OpenAI does. */
  readonly rejectBothMaxTokens?: boolean;
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAIServer> {
  const queue: Reply[] = [];
  const requests: RecordedRequest[] = [];

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      return sendError(res, { status: 404 }, "not found");
    }

    const closed = once(res, "close").then(() => undefined);
    const record: RecordedRequest = {
      body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatBody,
      headers: req.headers,
      disconnected: false,
      closed,
    };
    requests.push(record);
    res.on("close", () => {
      if (!res.writableFinished) record.disconnected = true;
    });

    if (
      options.rejectBothMaxTokens &&
      record.body.max_tokens !== undefined &&
      record.body.max_completion_tokens !== undefined
    ) {
      return sendError(
        res,
        { status: 400, errorCode: "invalid_parameter_combination" },
        "Setting 'max_tokens' and 'max_completion_tokens' at the same time is not supported.",
        "max_tokens",
      );
    }
    const reply = queue.shift() ?? options.respond?.(record) ?? {};
    if (reply.status !== undefined) return sendError(res, reply, `fake error ${reply.status}`);
    await stream(res, record, reply, options.content ?? "");
  }

  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => queue.push(...replies),
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

function sendError(res: ServerResponse, reply: Reply, message: string, param?: string): void {
  res.writeHead(reply.status ?? 500, { "content-type": "application/json", ...reply.headers });
  res.end(
    JSON.stringify({
      error: { message, type: "fake_error", param: param ?? null, code: reply.errorCode ?? null },
    }),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function stream(
  res: ServerResponse,
  record: RecordedRequest,
  reply: Reply,
  fallbackContent: string,
): Promise<void> {
  const { body } = record;
  const content = reply.content ?? fallbackContent;
  const base = {
    id: "chatcmpl-fake",
    object: "chat.completion.chunk",
    created: 1_700_000_000,
    model: body.model,
    system_fingerprint: null,
  };
  const withUsage = body.stream_options?.include_usage === true;
  const send = (choices: unknown[], usage: unknown = null) =>
    res.write(`data: ${JSON.stringify({ ...base, choices, ...(withUsage ? { usage } : {}) })}\n\n`);
  const delta = (fields: object, finish: string | null = null) =>
    send([{ index: 0, delta: fields, logprobs: null, finish_reason: finish }]);

  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  res.flushHeaders();
  if (reply.firstTokenDelayMs) await sleep(reply.firstTokenDelayMs);
  if (record.disconnected) return;
  delta({ role: "assistant", content: "", refusal: null });

  if (reply.refusal !== undefined) {
    delta({ refusal: reply.refusal });
  } else {
    const size = reply.chunkSize ?? 7;
    for (let at = 0, sent = 0; at < content.length; at += size, sent += 1) {
      if (sent === reply.disconnectAfterChunks) {
        // Let what was written reach the client before the connection goes.
        await sleep(10);
        res.destroy();
        return;
      }
      if (record.disconnected) return;
      delta({ content: content.slice(at, at + size) });
      if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
    }
  }
  delta({}, reply.finishReason ?? "stop");

  if (withUsage && !reply.omitUsage) {
    const prompt =
      reply.usage?.prompt ??
      body.messages.reduce((sum, message) => sum + 3 + countTokens(message.content), 3);
    const completion = reply.usage?.completion ?? countTokens(reply.refusal ?? content);
    send([], {
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
      prompt_tokens_details: { cached_tokens: reply.usage?.cached ?? 0 },
    });
  }
  res.end("data: [DONE]\n\n");
}
