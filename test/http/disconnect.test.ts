import { afterEach, describe, expect, it } from "vitest";
import { createOpenAIClient } from "../../src/llm/client.js";
import { createLlmGenerator } from "../../src/llm/generator.js";
import { createPlannerGenerator } from "../../src/planner/index.js";
import { silentLogger } from "../../src/ports.js";
import { type RecordedRequest, startFakeOpenAI } from "../fakes/openai-server.js";
import { postPlan, readSse, sample } from "./client.js";
import { type Api, deferred, gatedGenerator, startApi } from "./harness.js";

let api: Api | undefined;
afterEach(async () => {
  await api?.server.stop(0);
  api = undefined;
});

describe("a client that disconnects", () => {
  it("aborts generation and closes its stream in the metrics", async () => {
    const never = deferred();
    const gated = gatedGenerator(createPlannerGenerator(), never.promise);
    api = await startApi({ llm: gated.generator });

    const client = new AbortController();
    const response = await postPlan(api.url, undefined, {}, client.signal);
    for await (const event of readSse(response)) {
      if (event.event === "stage" && (event.data as { stage: string }).stage === "generate") break;
    }
    await gated.started;
    client.abort();

    await gated.aborted;
    const text = await (await fetch(`${api.url}/metrics`)).text();
    expect(sample(text, "fitplan_active_streams")).toBe(0);
    expect(sample(text, 'fitplan_plans_total{source="llm"}')).toBe(0);
  });

  it("ends the upstream LLM request, so no more tokens are spent", async () => {
    const arrived = deferred<RecordedRequest>();
    const fake = await startFakeOpenAI({
      content: "T|A slow plan\n".repeat(400),
      respond(request) {
        arrived.resolve(request);
        return { chunkSize: 2, chunkDelayMs: 5 };
      },
    });
    try {
      const llm = createLlmGenerator({
        client: createOpenAIClient({ apiKey: "sk-test-000000", baseURL: fake.baseURL }),
        model: "gpt-4o-mini",
        prices: { inputPerM: 0.15, cachedInputPerM: 0.075, outputPerM: 0.6 },
        logger: silentLogger,
      });
      api = await startApi({ llm });

      const client = new AbortController();
      const response = await postPlan(api.url, undefined, {}, client.signal);
      const reading = (async () => {
        for await (const _event of readSse(response)) {
          // Read until the abort ends the body.
        }
      })().catch(() => undefined);
      const upstream = await arrived.promise;
      client.abort();
      await reading;

      await upstream.closed;
      expect(upstream.disconnected).toBe(true);
    } finally {
      await fake.close();
    }
  });
});
