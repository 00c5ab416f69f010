/**
 * The fake OpenAI server set up for the streaming benchmarks: each request is answered with the
 * plan the model is asked to write for the profile in the prompt, streamed a few characters at a
 * time so that a whole plan takes `planMs`. It notes when each answer's first token left, by the
 * profile's age, so a benchmark can match answers to chats.
 */
import { performance } from "node:perf_hooks";
import { modelAnswer, requestProfile } from "../test/fakes/model.js";
import { startFakeOpenAI } from "../test/fakes/openai-server.js";

export interface LlmWorldOptions {
  /** How long one whole answer takes to stream. */
  readonly planMs: number;
  /** Characters per streamed delta; about one token at 4. */
  readonly chunkChars: number;
}

export interface Answered {
  /** performance.now() when the first token was sent. */
  readonly firstTokenAt: number;
  readonly chars: number;
  readonly chunkDelayMs: number;
  /** performance.now() when the answer ended; 0 until then. */
  endedAt: number;
}

export async function startLlmWorld(options: LlmWorldOptions) {
  const answered = new Map<number, Answered>();
  const server = await startFakeOpenAI({
    respond(request) {
      const profile = requestProfile(request);
      const content = modelAnswer(profile);
      const chunks = Math.ceil(content.length / options.chunkChars);
      const chunkDelayMs = Math.max(1, Math.round(options.planMs / chunks));
      const entry: Answered = {
        firstTokenAt: performance.now(),
        chars: content.length,
        chunkDelayMs,
        endedAt: 0,
      };
      answered.set(profile.age, entry);
      void request.closed.then(() => {
        entry.endedAt = performance.now();
      });
      return { content, chunkSize: options.chunkChars, chunkDelayMs };
    },
  });
  return { server, baseURL: server.baseURL, answered };
}
