import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOpenAIClient } from "../../src/llm/client.js";
import { LlmError } from "../../src/llm/errors.js";
import { createLlmGenerator, type LlmGeneratorDeps } from "../../src/llm/generator.js";
import { costUsd, KNOWN_PRICES, type Prices } from "../../src/llm/pricing.js";
import { PROMPT_VERSION } from "../../src/llm/prompt.js";
import { PlanSchema } from "../../src/plan/schema.js";
import { prescription } from "../../src/planner/rules.js";
import { silentLogger } from "../../src/ports.js";
import { type FakeOpenAIServer, startFakeOpenAI } from "../fakes/openai-server.js";
import { ANSWER, collect, MENU, PROFILE } from "./helpers.js";

const API_KEY = "sk-test-DO-NOT-LEAK-1234";
const PRICES = KNOWN_PRICES["gpt-4o"] as Prices;

let server: FakeOpenAIServer;
let sleeps: number[];

beforeEach(async () => {
  server = await startFakeOpenAI({ content: ANSWER });
  sleeps = [];
});
afterEach(async () => {
  await server.close();
});

function generator(overrides: Partial<LlmGeneratorDeps> = {}) {
  return createLlmGenerator({
    client: createOpenAIClient({ apiKey: API_KEY, baseURL: server.baseURL }),
    model: "gpt-4o",
    prices: PRICES,
    maxOutputTokens: 800,
    exercises: () => MENU,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    logger: silentLogger,
    ...overrides,
  });
}

/** The error a run ended with, checked to be ours and free of the key. */
function llmError(error: unknown): LlmError {
  expect(error).toBeInstanceOf(LlmError);
  const text = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack ?? ""}`;
  expect(text).not.toContain(API_KEY);
  return error as LlmError;
}

describe("createLlmGenerator", () => {
  it("names itself after the model and the prompt version", () => {
    const llm = generator();
    expect(llm.id).toBe(`llm:gpt-4o@${PROMPT_VERSION}`);
    expect(llm.source).toBe("llm");
  });

  it("streams a request with usage, both token limits and the model from configuration", async () => {
    const result = await collect(generator());
    expect(result.error).toBeUndefined();
    const body = server.requests[0]?.body;
    expect(body).toMatchObject({
      model: "gpt-4o",
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 800,
      max_tokens: 800,
    });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it("ends with a candidate that passes the plan schema, rest days filled in", async () => {
    const { final } = await collect(generator());
    const plan = PlanSchema.parse(final?.candidate);
    expect(plan.days.map((day) => day.kind)).toEqual([
      "training",
      "rest",
      "training",
      "rest",
      "training",
      "rest",
      "rest",
    ]);
    expect(plan.days[0]?.exercises[2]).toMatchObject({
      name: "Forearm plank",
      seconds: 30,
      restSeconds: 45,
      effort: "RPE 7",
    });
    // Doses left out of a line come from the profile's prescription; warm-ups from the planner.
    const { compound } = prescription(PROFILE);
    expect(plan.days[0]?.exercises[0]).toMatchObject({
      reps: compound.reps,
      restSeconds: compound.restSeconds,
      effort: compound.effort,
    });
    expect(plan.days[0]?.warmup.length).toBeGreaterThan(0);
    expect(plan.days[0]?.minutes).toBeGreaterThan(10);
    expect(plan.notes.at(-1)).toBe("Add a rep each week until you reach the top of the range.");
  });

  it("reports usage from the stream and prices it", async () => {
    server.enqueue({ usage: { prompt: 600, completion: 300, cached: 100 } });
    const { final } = await collect(generator());
    expect(final?.usage).toEqual({
      inputTokens: 600,
      cachedInputTokens: 100,
      outputTokens: 300,
      estimated: false,
    });
    // 500 fresh x $2.50 + 100 cached x $1.25 + 300 out x $10, per million.
    expect(final?.costUsd).toBeCloseTo((500 * 2.5 + 100 * 1.25 + 300 * 10) / 1e6, 12);
  });

  it("estimates usage with the tokenizer when the server sends none", async () => {
    server.enqueue({ omitUsage: true });
    const estimated = await collect(generator());
    const reported = await collect(generator());

    const usage = estimated.final?.usage;
    expect(usage?.estimated).toBe(true);
    // The fake counts with the same tokenizer and framing, so the estimate matches its report.
    expect(usage?.outputTokens).toBe(reported.final?.usage?.outputTokens);
    expect(usage?.inputTokens).toBe(reported.final?.usage?.inputTokens);
    expect(usage && estimated.final?.costUsd).toBe(usage && costUsd(usage, PRICES));
  });

  it("retries HTTP 500 with backoff and then succeeds", async () => {
    server.enqueue({ status: 500 }, { status: 503 });
    const { final, error } = await collect(generator());
    expect(error).toBeUndefined();
    expect(final).toBeDefined();
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([375, 750]); // 500 ms, then doubled, each x0.75 jitter
  });

  it("gives up after the bounded attempts with an http error carrying the status", async () => {
    server.enqueue({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    const { error } = await collect(generator());
    const failure = llmError(error);
    expect(failure).toMatchObject({ kind: "http", status: 500, attempts: 3 });
    expect(server.requests).toHaveLength(3);
  });

  it("honours retry-after on 429", async () => {
    server.enqueue({ status: 429, headers: { "retry-after": "2" } });
    const { final } = await collect(generator());
    expect(final).toBeDefined();
    expect(sleeps).toEqual([2_000]);
  });

  it("does not wait for a retry-after longer than allowed, and says how long was asked", async () => {
    server.enqueue({ status: 429, headers: { "retry-after": "120" } });
    const failure = llmError((await collect(generator())).error);
    expect(failure).toMatchObject({ kind: "http", status: 429, retryAfterSeconds: 120 });
    expect(sleeps).toEqual([]);
  });

  it("does not retry a 429 for an exhausted quota", async () => {
    server.enqueue({ status: 429, errorCode: "insufficient_quota" });
    const failure = llmError((await collect(generator())).error);
    expect(failure.kind).toBe("http");
    expect(server.requests).toHaveLength(1);
  });

  it("does not retry client errors such as a bad key", async () => {
    server.enqueue({ status: 401 });
    const failure = llmError((await collect(generator())).error);
    expect(failure).toMatchObject({ kind: "http", status: 401 });
    expect(server.requests).toHaveLength(1);
  });

  it("drops max_tokens once a server refuses both limits, and keeps it dropped", async () => {
    await server.close();
    server = await startFakeOpenAI({ content: ANSWER, rejectBothMaxTokens: true });
    const llm = generator();
    expect((await collect(llm)).final).toBeDefined();
    expect((await collect(llm)).final).toBeDefined();
    expect(server.requests.map((request) => request.body.max_tokens)).toEqual([
      800,
      undefined,
      undefined,
    ]);
    expect(server.requests.every((request) => request.body.max_completion_tokens === 800)).toBe(
      true,
    );
  });

  it("times out when the first token is slow, and hangs up", async () => {
    server.enqueue({ firstTokenDelayMs: 300 });
    const { error } = await collect(generator({ timeouts: { firstTokenMs: 30 } }));
    expect(llmError(error).kind).toBe("timeout");
    await server.requests[0]?.closed;
    expect(server.requests[0]?.disconnected).toBe(true);
  });

  it("times out when the whole answer takes too long", async () => {
    server.enqueue({ chunkDelayMs: 20 });
    const { error, partials } = await collect(generator({ timeouts: { totalMs: 60 } }));
    expect(llmError(error).kind).toBe("timeout");
    expect(partials.length).toBeLessThan(ANSWER.split("\n").length);
  });

  it("fails as a network error when the connection drops mid-answer, after showing what came", async () => {
    server.enqueue({ disconnectAfterChunks: 20 });
    const { error, partials, final } = await collect(generator());
    expect(llmError(error).kind).toBe("network");
    expect(partials.length).toBeGreaterThan(0);
    expect(final).toBeUndefined();
  });

  it("fails as malformed when the answer holds no plan lines", async () => {
    server.enqueue({ content: '{"plan": "here is some JSON instead"}' });
    expect(llmError((await collect(generator())).error).kind).toBe("malformed");
  });

  it("fails as refused on a refusal delta", async () => {
    server.enqueue({ refusal: "I can't help with that." });
    expect(llmError((await collect(generator())).error).kind).toBe("refused");
  });

  it("fails as refused when the model apologises in prose instead of writing a plan", async () => {
    server.enqueue({ content: "I'm sorry, but I can't create that plan." });
    expect(llmError((await collect(generator())).error).kind).toBe("refused");
  });

  it("fails as refused when a content filter stops the answer", async () => {
    server.enqueue({ finishReason: "content_filter" });
    expect(llmError((await collect(generator())).error).kind).toBe("refused");
  });

  it("fails as truncated, with its usage, when the budget cuts the days short", async () => {
    const cut = ANSWER.slice(0, ANSWER.indexOf("D|5"));
    server.enqueue({ content: `${cut}D|5|train`, finishReason: "length" });
    const failure = llmError((await collect(generator())).error);
    expect(failure.kind).toBe("truncated");
    expect(failure.usage?.outputTokens).toBeGreaterThan(0);
    expect(failure.costUsd).toBeGreaterThan(0);
  });

  it("keeps a plan cut off in its notes, without the half-written note", async () => {
    server.enqueue({ content: `${ANSWER}\nN|Drink wat`, finishReason: "length" });
    const { final } = await collect(generator());
    const plan = PlanSchema.parse(final?.candidate);
    expect(plan.notes.some((note) => note.startsWith("Drink"))).toBe(false);
  });

  it("passes a schema-invalid plan on as a candidate for enforce to reject", async () => {
    const invalid = ANSWER.replace("Goblet squat|3|", "Goblet squat|0|").replace("D|5|", "D|9|");
    server.enqueue({ content: invalid });
    const { final, partials } = await collect(generator());
    expect(PlanSchema.safeParse(final?.candidate).success).toBe(false);
    const shown = partials.flatMap((chunk) => chunk.plan.days.flatMap((day) => day.exercises));
    expect(shown.some((exercise) => exercise.sets === 0)).toBe(false);
  });

  it("stops and hangs up when the caller aborts mid-answer", async () => {
    server.enqueue({ chunkDelayMs: 5 });
    const controller = new AbortController();
    const run = generator().generate(PROFILE, { signal: controller.signal });
    let error: unknown;
    try {
      for await (const chunk of run) {
        if (chunk.type === "partial") controller.abort();
      }
    } catch (caught) {
      error = caught;
    }
    expect(llmError(error).kind).toBe("aborted");
    await server.requests[0]?.closed;
    expect(server.requests[0]?.disconnected).toBe(true);
  });

  it("hangs up when the consumer stops reading", async () => {
    server.enqueue({ chunkDelayMs: 5 });
    for await (const chunk of generator().generate(PROFILE, {
      signal: new AbortController().signal,
    })) {
      if (chunk.type === "partial") break;
    }
    await server.requests[0]?.closed;
    expect(server.requests[0]?.disconnected).toBe(true);
  });

  it("feeds earlier violations back as data", async () => {
    await collect(generator(), undefined, {
      violations: ["Day 1 runs 70 minutes, over the 45 allowed."],
    });
    const user = JSON.parse(server.requests[0]?.body.messages[1]?.content ?? "{}");
    expect(user.violations).toEqual(["Day 1 runs 70 minutes, over the 45 allowed."]);
  });
});
