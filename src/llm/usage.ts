/**
 * Token usage of one request: read from the stream's usage chunk, or estimated with the o200k
 * tokenizer when a server sends none. The tokenizer's tables are large, so they load on first use.
 */
import type { Usage } from "../pipeline/types.js";
import type { ChatMessage } from "./prompt.js";

/** The usage object of a chat-completion chunk, as OpenAI-compatible servers send it. */
export interface WireUsage {
  readonly prompt_tokens?: number | null;
  readonly completion_tokens?: number | null;
  readonly prompt_tokens_details?: { readonly cached_tokens?: number | null } | null;
}

// Chat framing around each message (role and separators) and before the answer, as in OpenAI's
// published counting recipe for its chat models.
const TOKENS_PER_MESSAGE = 3;
const TOKENS_BEFORE_ANSWER = 3;

/** Usage as the server reported it, or undefined when the counts are missing. */
export function usageFromWire(wire: WireUsage | null | undefined): Usage | undefined {
  const input = wire?.prompt_tokens;
  const output = wire?.completion_tokens;
  if (typeof input !== "number" || typeof output !== "number") return undefined;
  return {
    inputTokens: input,
    cachedInputTokens: wire?.prompt_tokens_details?.cached_tokens ?? 0,
    outputTokens: output,
    estimated: false,
  };
}

let tokenizer: Promise<(text: string) => number> | undefined;

/** Counts o200k tokens, the encoding of the GPT-4o and later families. */
export async function countTokens(text: string): Promise<number> {
  tokenizer ??= import("gpt-tokenizer/encoding/o200k_base").then((module) => module.countTokens);
  return (await tokenizer)(text);
}

/** Estimates usage from the messages sent and the text received. */
export async function estimateUsage(
  messages: readonly ChatMessage[],
  answer: string,
): Promise<Usage> {
  let inputTokens = TOKENS_BEFORE_ANSWER;
  for (const message of messages) {
    inputTokens += TOKENS_PER_MESSAGE + (await countTokens(message.content));
  }
  return {
    inputTokens,
    cachedInputTokens: 0,
    outputTokens: await countTokens(answer),
    estimated: true,
  };
}
