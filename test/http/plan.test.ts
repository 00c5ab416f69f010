import { afterEach, describe, expect, it } from "vitest";
import type { PlanGenerator } from "../../src/pipeline/types.js";
import { createPlannerGenerator } from "../../src/planner/index.js";
import { PROFILE, postPlan, readAllSse, sample } from "./client.js";
import { type Api, startApi } from "./harness.js";

let api: Api | undefined;
afterEach(async () => {
  await api?.server.stop(0);
  api = undefined;
});

describe("POST /plan", () => {
  it("streams stages, then text, then the plan, then done, with headers that stop buffering", async () => {
    api = await startApi();
    const response = await postPlan(api.url);

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toContain("no-cache");
    expect(response.headers.get("x-accel-buffering")).toBe("no");

    const events = await readAllSse(response);
    const names = events.map((event) => event.event);
    const stages = events
      .filter((event) => event.event === "stage")
      .map((event) => event.data as { stage: string; state: string })
      .map((data) => `${data.stage}:${data.state}`);
    expect(stages).toEqual([
      "validate:started",
      "validate:done",
      "generate:started",
      "generate:done",
      "enforce:started",
      "enforce:done",
    ]);

    const firstText = names.indexOf("text");
    expect(firstText).toBeGreaterThan(names.indexOf("stage"));
    expect(firstText).toBeLessThan(names.indexOf("plan"));
    expect(names.slice(-2)).toEqual(["plan", "done"]);
    expect(names.filter((name) => name === "plan")).toHaveLength(1);

    const plan = events.find((event) => event.event === "plan")?.data as {
      plan: { days: unknown[] };
      meta: { source: string };
      text: string;
    };
    expect(plan.meta.source).toBe("planner");
    expect(plan.plan.days.length).toBeGreaterThan(0);
    expect(plan.text.length).toBeGreaterThan(0);
    expect(events.at(-1)?.data).toEqual({ ok: true });
  });

  it("sends text that grows toward the final plan's text", async () => {
    api = await startApi();
    const events = await readAllSse(await postPlan(api.url));
    const texts = events
      .filter((event) => event.event === "text")
      .map((event) => (event.data as { text: string }).text);
    const plan = events.find((event) => event.event === "plan")?.data as { text: string };

    expect(texts.length).toBeGreaterThan(0);
    for (let i = 1; i < texts.length; i += 1) {
      expect(texts[i]?.length).toBeGreaterThanOrEqual(texts[i - 1]?.length ?? 0);
    }
    expect(plan.text.length).toBeGreaterThanOrEqual(texts.at(-1)?.length ?? 0);
  });
});

describe("GET /metrics", () => {
  it("counts a planner plan, a cache miss and then a cache hit, and no stream left open", async () => {
    api = await startApi();
    const scrape = async () => {
      const response = await fetch(`${api?.url}/metrics`);
      expect(response.headers.get("content-type")).toContain("text/plain");
      return response.text();
    };

    const before = await scrape();
    expect(sample(before, 'fitplan_plans_total{source="planner"}')).toBe(0);
    expect(sample(before, 'fitplan_plan_cache_lookups_total{result="miss"}')).toBe(0);

    await readAllSse(await postPlan(api.url));
    const afterFirst = await scrape();
    expect(sample(afterFirst, 'fitplan_plans_total{source="planner"}')).toBe(1);
    expect(sample(afterFirst, 'fitplan_plan_cache_lookups_total{result="miss"}')).toBe(1);
    expect(sample(afterFirst, 'fitplan_plan_duration_seconds_count{source="planner"}')).toBe(1);
    expect(sample(afterFirst, "fitplan_active_streams")).toBe(0);

    await readAllSse(await postPlan(api.url, PROFILE));
    const afterSecond = await scrape();
    expect(sample(afterSecond, 'fitplan_plans_total{source="cache"}')).toBe(1);
    expect(sample(afterSecond, 'fitplan_plan_cache_lookups_total{result="hit"}')).toBe(1);
  });

  it("adds an LLM plan's tokens, cost and time to first text", async () => {
    const planner = createPlannerGenerator();
    const llm: PlanGenerator = {
      id: "metered@1",
      source: "llm",
      async *generate(profile, context) {
        for await (const chunk of planner.generate(profile, context)) {
          if (chunk.type === "partial") yield chunk;
          else yield { ...chunk, usage: USAGE, costUsd: 0.0025 };
        }
      },
    };
    api = await startApi({ llm });
    await readAllSse(await postPlan(api.url));

    const text = await (await fetch(`${api.url}/metrics`)).text();
    expect(sample(text, 'fitplan_plans_total{source="llm"}')).toBe(1);
    expect(sample(text, 'fitplan_llm_tokens_total{kind="input"}')).toBe(1_200);
    expect(sample(text, 'fitplan_llm_tokens_total{kind="cached_input"}')).toBe(1_024);
    expect(sample(text, 'fitplan_llm_tokens_total{kind="output"}')).toBe(700);
    expect(sample(text, "fitplan_llm_cost_usd_total")).toBeCloseTo(0.0025, 10);
    expect(sample(text, 'fitplan_plan_first_text_seconds_count{source="llm"}')).toBe(1);
  });
});

const USAGE = { inputTokens: 1_200, cachedInputTokens: 1_024, outputTokens: 700, estimated: false };

describe("GET /healthz and /readyz", () => {
  it("reports the store and the LLM configuration and says it is ready", async () => {
    api = await startApi();
    const health = await fetch(`${api.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", store: "memory", llmConfigured: false });

    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });
  });

  it("answers 404 for an unknown path and 405 with Allow for a wrong method", async () => {
    api = await startApi();
    expect((await fetch(`${api.url}/nope`)).status).toBe(404);
    const wrong = await fetch(`${api.url}/plan`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
  });
});
