/**
 * The OpenAI client, built once by the composition root. Any OpenAI-compatible server works
 * through `baseURL` (vLLM, llama.cpp server, Ollama, OpenRouter, Azure's v1 endpoint).
 */
import OpenAI from "openai";

export interface OpenAIClientOptions {
  readonly apiKey: string;
  /** For example http://127.0.0.1:8000/v1. The SDK's default is OpenAI's own API. */
  readonly baseURL?: string;
}

/**
 * The SDK's own retries are off: the generator retries with backoff itself, within its time
 * bounds, and enforces its timeouts with an AbortSignal. The SDK timeout is only a backstop.
 */
export function createOpenAIClient(options: OpenAIClientOptions): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
    maxRetries: 0,
    timeout: 300_000, // 5 min
    // The SDK would print unparseable stream data to the console; our logger reports failures.
    logLevel: "off",
  });
}
