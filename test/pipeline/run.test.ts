import { describe, expect, it } from "vitest";
import { MESSAGES } from "../../src/messages.js";
import { type PipelineDeps, runPipeline } from "../../src/pipeline/run.js";
import type { GeneratorChunk, PlanEvent, PlanGenerator } from "../../src/pipeline/types.js";
import { checkPlan } from "../../src/plan/checks.js";
import { buildPlan, createPlannerGenerator } from "../../src/planner/index.js";
import { silentLogger } from "../../src/ports.js";
import { ProfileSchema } from "../../src/profile/schema.js";

const profile = ProfileSchema.parse({
  age: 41,
  goal: "muscle",
  experience: "intermediate",
  equipment: ["dumbbells", "bench"],
  daysPerWeek: 3,
  minutes: 45,
  injuries: ["knees"],
});

const planner = createPlannerGenerator();

/** A generator standing in for an LLM: it answers each call with the next scripted outcome. */
function scripted(
  outcomes: Array<() => GeneratorChunk[] | Error>,
): PlanGenerator & { calls: number } {
  const generator = {
    id: "llm:test@p0",
    source: "llm" as const,
    calls: 0,
    async *generate() {
      const outcome = outcomes[Math.min(generator.calls, outcomes.length - 1)];
      generator.calls += 1;
      const result = outcome?.();
      if (result instanceof Error) throw result;
      yield* result ?? [];
    },
  };
  return generator;
}

function deps(generator: PlanGenerator, maxCostUsd = 0.005): PipelineDeps {
  let now = 0;
  return {
    generator,
    fallback: planner,
    clock: () => (now += 5),
    logger: silentLogger,
    maxCostUsd,
  };
}

async function collect(events: AsyncIterable<PlanEvent>): Promise<PlanEvent[]> {
  const list: PlanEvent[] = [];
  for await (const event of events) list.push(event);
  return list;
}

function done(events: PlanEvent[]): Extract<PlanEvent, { type: "done" }> {
  const last = events.at(-1);
  if (last?.type !== "done") throw new Error(`expected done, got ${JSON.stringify(last)}`);
  return last;
}

const signal = new AbortController().signal;

describe("runPipeline", () => {
  it("runs the stages in order, streams text, then delivers a checked plan", async () => {
    const events = await collect(runPipeline({ profile, signal }, deps(planner)));
    const stages = events
      .filter((event) => event.type === "stage")
      .map((event) => `${event.stage}:${event.state}`);
    expect(stages).toEqual([
      "validate:started",
      "validate:done",
      "generate:started",
      "generate:done",
      "enforce:started",
      "enforce:done",
    ]);
    const firstText = events.findIndex((event) => event.type === "text");
    expect(firstText).toBeGreaterThan(0);
    expect(firstText).toBeLessThan(events.length - 1);
    const result = done(events);
    expect(result.meta.source).toBe("planner");
    expect(checkPlan(result.plan, profile)).toEqual([]);
    expect(result.meta.notices).toEqual([]);
  });

  it("fails with one line per bad field and generates nothing", async () => {
    const events = await collect(
      runPipeline({ profile: { age: 30, daysPerWeek: 0 }, signal }, deps(planner)),
    );
    expect(events.at(-1)).toMatchObject({ type: "failed" });
    const failed = events.at(-1) as Extract<PlanEvent, { type: "failed" }>;
    expect(failed.message).toContain("daysPerWeek");
    expect(events.some((event) => event.type === "stage" && event.stage === "generate")).toBe(
      false,
    );
  });

  it("falls back to the built-in planner, with a notice, when the generator throws", async () => {
    const llm = scripted([() => new Error("connection reset")]);
    const result = done(await collect(runPipeline({ profile, signal }, deps(llm))));
    expect(result.meta.source).toBe("planner");
    expect(result.meta.notices).toContain(MESSAGES.fallbackNotice);
  });

  it("counts what a failed generator had already spent", async () => {
    const refusal = Object.assign(new Error("refused"), { costUsd: 0.0007 });
    const llm = scripted([() => refusal]);
    const result = done(await collect(runPipeline({ profile, signal }, deps(llm))));
    expect(result.meta.source).toBe("planner");
    expect(result.meta.costUsd).toBeCloseTo(0.0007);
  });

  it("retries once with the violations, then uses the repaired answer", async () => {
    const good = buildPlan(profile);
    const llm = scripted([
      () => [{ type: "final", candidate: { nonsense: true }, costUsd: 0.001 }],
      () => [{ type: "final", candidate: good, costUsd: 0.001 }],
    ]);
    const result = done(await collect(runPipeline({ profile, signal }, deps(llm))));
    expect(llm.calls).toBe(2);
    expect(result.meta.source).toBe("llm");
    expect(result.meta.costUsd).toBeCloseTo(0.002);
  });

  it("skips the retry when it would break the cost cap", async () => {
    const llm = scripted([
      () => [{ type: "final", candidate: { nonsense: true }, costUsd: 0.004 }],
    ]);
    const result = done(await collect(runPipeline({ profile, signal }, deps(llm))));
    expect(llm.calls).toBe(1);
    expect(result.meta.source).toBe("planner");
  });

  it("repairs a plan that breaks a check instead of throwing it away", async () => {
    const good = buildPlan(profile);
    const tooLong = {
      ...good,
      days: good.days.map((day) => ({ ...day, minutes: day.kind === "rest" ? 0 : 200 })),
    };
    const llm = scripted([() => [{ type: "final", candidate: tooLong }]]);
    const result = done(await collect(runPipeline({ profile, signal }, deps(llm))));
    expect(checkPlan(result.plan, profile)).toEqual([]);
    expect(result.meta.source).toBe("llm");
    expect(result.meta.repairs.length).toBeGreaterThan(0);
  });

  it("stops without a final event when the caller aborts", async () => {
    const controller = new AbortController();
    const events: PlanEvent[] = [];
    for await (const event of runPipeline({ profile, signal: controller.signal }, deps(planner))) {
      events.push(event);
      if (event.type === "text") controller.abort();
    }
    expect(events.some((event) => event.type === "done" || event.type === "failed")).toBe(false);
  });
});
