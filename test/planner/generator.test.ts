import { describe, expect, it } from "vitest";
import type { GeneratorChunk } from "../../src/pipeline/types.js";
import { buildPlan, createPlannerGenerator, PLANNER_VERSION } from "../../src/planner/index.js";
import { profile } from "../plan/fixtures.js";

async function collect(stream: AsyncIterable<GeneratorChunk>): Promise<GeneratorChunk[]> {
  const chunks: GeneratorChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe("createPlannerGenerator", () => {
  it("names itself after the planner version", () => {
    const generator = createPlannerGenerator();
    expect(generator.source).toBe("planner");
    expect(generator.id).toBe(`planner@${PLANNER_VERSION}`);
  });

  it("streams one partial per finished day, then the whole plan", async () => {
    const who = profile();
    const chunks = await collect(
      createPlannerGenerator().generate(who, { signal: new AbortController().signal }),
    );
    const partials = chunks.filter((c) => c.type === "partial");
    expect(partials.map((c) => (c.type === "partial" ? c.plan.days.length : 0))).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
    expect(chunks.at(-1)).toEqual({ type: "final", candidate: buildPlan(who) });
  });

  it("stops when the signal is aborted", async () => {
    const controller = new AbortController();
    const chunks: GeneratorChunk[] = [];
    for await (const chunk of createPlannerGenerator().generate(profile(), {
      signal: controller.signal,
    })) {
      chunks.push(chunk);
      if (chunks.length === 2) controller.abort();
    }
    expect(chunks).toHaveLength(2);
    expect(chunks.every((c) => c.type === "partial")).toBe(true);
  });

  it("leaves out exercises reported painful when re-planning", async () => {
    const who = profile({ equipment: ["bodyweight", "dumbbells"] });
    const previous = buildPlan(who);
    const painful = previous.days.flatMap((d) => d.exercises.map((e) => e.name)).slice(0, 2);
    const replan = {
      week: 2,
      previous,
      hardWeeks: 1,
      feedback: { sessionsDone: 3, rating: "about_right" as const, painful },
    };
    const next = buildPlan(who, replan);
    const used = next.days.flatMap((d) => d.exercises.map((e) => e.name));
    for (const name of painful) expect(used).not.toContain(name);
  });
});
