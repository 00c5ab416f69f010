/**
 * The fault matrix end to end: the LLM generator against the fake server, inside the real
 * pipeline with the built-in planner as fallback. Every fault ends in a plan that passes the
 * checks, or a clear message, and never in an unhandled rejection (vitest fails the run on one).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOpenAIClient } from "../../src/llm/client.js";
import { usualFor } from "../../src/llm/decode.js";
import { formatPlan } from "../../src/llm/format.js";
import { createLlmGenerator } from "../../src/llm/generator.js";
import { KNOWN_PRICES, type Prices } from "../../src/llm/pricing.js";
import { MESSAGES } from "../../src/messages.js";
import { runPipeline } from "../../src/pipeline/run.js";
import type { PlanEvent } from "../../src/pipeline/types.js";
import { checkPlan } from "../../src/plan/checks.js";
import { buildPlan, createPlannerGenerator } from "../../src/planner/index.js";
import { silentLogger } from "../../src/ports.js";
import { type FakeOpenAIServer, type Reply, startFakeOpenAI } from "../fakes/openai-server.js";
import { PROFILE } from "./helpers.js";

/** A good answer: the built-in plan, written as the model is asked to write it. */
const GOOD = formatPlan(buildPlan(PROFILE), usualFor(PROFILE));

let server: FakeOpenAIServer;
beforeEach(async () => {
  server = await startFakeOpenAI({ content: GOOD });
});
afterEach(async () => {
  await server.close();
});

async function run(replies: Reply[], signal = new AbortController().signal) {
  server.enqueue(...replies);
  const generator = createLlmGenerator({
    client: createOpenAIClient({ apiKey: "sk-test", baseURL: server.baseURL }),
    model: "gpt-4o",
    prices: KNOWN_PRICES["gpt-4o"] as Prices,
    // Generous for a cold first request on a busy machine; the slow-token fault is slower still.
    timeouts: { firstTokenMs: 1_000, totalMs: 5_000 },
    sleep: async () => {},
    logger: silentLogger,
  });
  const events: PlanEvent[] = [];
  for await (const event of runPipeline(
    { profile: PROFILE, signal },
    {
      generator,
      fallback: createPlannerGenerator(),
      clock: Date.now,
      logger: silentLogger,
      maxCostUsd: 0.05,
    },
  )) {
    events.push(event);
  }
  return events;
}

function done(events: PlanEvent[]) {
  const last = events.at(-1);
  if (last?.type !== "done") throw new Error(`expected a plan, got ${JSON.stringify(last)}`);
  expect(checkPlan(last.plan, PROFILE)).toEqual([]);
  return last;
}

describe("the LLM generator in the pipeline", () => {
  it("delivers the LLM plan with its tokens and cost, streamed as it grows", async () => {
    const events = await run([]);
    const { meta } = done(events);
    expect(meta.source).toBe("llm");
    expect(meta.usage?.outputTokens).toBeGreaterThan(0);
    expect(meta.costUsd).toBeGreaterThan(0);
    expect(events.filter((event) => event.type === "text").length).toBeGreaterThan(3);
  });

  const faults: [string, Reply[]][] = [
    ["HTTP 500 on every attempt", [{ status: 500 }, { status: 500 }, { status: 500 }]],
    ["429 with a long retry-after", [{ status: 429, headers: { "retry-after": "600" } }]],
    ["a slow first token", [{ firstTokenDelayMs: 3_000 }]],
    ["a disconnect mid-answer", [{ disconnectAfterChunks: 30 }]],
    ["malformed output", [{ content: "```json\n{}\n```" }]],
    ["a refusal", [{ refusal: "I can't help with that." }]],
    ["a length cut-off in the first day", [{ content: GOOD.slice(0, 60), finishReason: "length" }]],
    [
      "a schema-invalid plan, twice",
      [{ content: GOOD.replace(/\|(\d)\n/g, "|0\n") }, { content: "D|9|training|Nope\n" }],
    ],
  ];

  it.each(faults)("falls back to the built-in plan on %s, with one notice", async (_, replies) => {
    const { meta } = done(await run(replies));
    expect(meta.source).toBe("planner");
    expect(meta.notices).toEqual([MESSAGES.fallbackNotice]);
  });

  it("recovers from retried server errors without falling back", async () => {
    const { meta } = done(
      await run([{ status: 503 }, { status: 429, headers: { "retry-after": "1" } }]),
    );
    expect(meta.source).toBe("llm");
    expect(server.requests).toHaveLength(3);
  });

  it("retries once with the violations when the first plan fails the checks", async () => {
    // One training day where the profile asks for three: nothing to repair, so it asks again.
    const oneDay = GOOD.slice(0, GOOD.indexOf("\nD|3|"));
    const { meta } = done(await run([{ content: oneDay }]));
    expect(meta.source).toBe("llm");
    expect(server.requests).toHaveLength(2);
    const data = JSON.parse(server.requests[1]?.body.messages[1]?.content ?? "{}");
    expect(data.violations.length).toBeGreaterThan(0);
  });

  it("ends quietly when the user cancels, and hangs up on the server", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const events = await run([{ chunkDelayMs: 10 }], controller.signal);
    expect(events.some((event) => event.type === "done")).toBe(false);
    await server.requests[0]?.closed;
    expect(server.requests[0]?.disconnected).toBe(true);
  });
});
