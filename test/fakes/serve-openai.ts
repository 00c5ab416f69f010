/**
 * Runs the fake OpenAI-compatible server on its own, for trying the LLM path by hand:
 *
 *   npx tsx test/fakes/serve-openai.ts            # prints its base URL, serves until Ctrl-C
 *   OPENAI_API_KEY=x OPENAI_MODEL=gpt-4o-mini OPENAI_BASE_URL=<url> npm start
 *
 * It answers like a model that writes the built-in planner's plan, in the format the prompt asks
 * for, streamed over about eight seconds.
 */
import { goodAnswer } from "./model.js";
import { type RecordedRequest, type Reply, startFakeOpenAI } from "./openai-server.js";

const STREAM_MS = 8_000; // about as long as a real model takes for a full plan

/** Answers like a good model, at about the pace of a real one. */
function answerFor(request: RecordedRequest): Reply {
  let content: string;
  try {
    content = goodAnswer(request);
  } catch {
    return { refusal: "I can only write plans for a valid profile." };
  }
  const chunkSize = 12;
  const chunks = Math.ceil(content.length / chunkSize);
  return {
    content,
    chunkSize,
    firstTokenDelayMs: 400,
    chunkDelayMs: Math.round(STREAM_MS / chunks),
  };
}

const server = await startFakeOpenAI({ respond: answerFor });
process.stdout.write(`fake OpenAI server: ${server.baseURL}\n`);
process.once("SIGINT", () => void server.close().then(() => process.exit(0)));
