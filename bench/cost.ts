/**
 * Benchmark 3, the cost of a fresh plan: the real LLM generator sends the real prompt to the fake
 * OpenAI server, which answers with the plan the model is asked to write for each representative
 * profile and counts tokens with the o200k tokenizer as OpenAI bills them. The pipeline takes the
 * usage and cost from the stream; other models' prices are applied to the same usage.
 */
import { costUsd, KNOWN_PRICES, type Prices } from "../src/llm/pricing.js";
import type { Usage } from "../src/pipeline/types.js";
import type { Profile } from "../src/profile/schema.js";
import { createMemoryStore } from "../src/store/memory.js";
import { modelAnswer } from "../test/fakes/model.js";
import { startFakeOpenAI } from "../test/fakes/openai-server.js";
import { BENCH_MODEL, createLlmPlanning } from "./llm-service.js";
import { population, representativeProfiles } from "./profiles.js";
import { type BenchResult, count, fixed, table, times, usd } from "./result.js";

const SETTINGS = {
  baselineUsd: 0.01, // the original design's cap per plan at GPT-4o prices
  goalUsd: 0.005,
  populationSample: 200, // profiles from the realistic mix, for a weighted mean
} as const;

interface Measured {
  readonly name: string;
  readonly usage: Usage;
  readonly costUsd: number;
  readonly source: string;
  readonly repairs: number;
}

async function measure(profiles: readonly [string, Profile][]): Promise<Measured[]> {
  const answers = new Map(profiles.map(([name, profile]) => [name, modelAnswer(profile)]));
  let current = "";
  const server = await startFakeOpenAI({
    respond: () => ({ content: answers.get(current) ?? "" }),
  });
  try {
    const out: Measured[] = [];
    for (const [name, profile] of profiles) {
      current = name;
      // A fresh store each time: a repeated profile from the mix would otherwise be a cache hit.
      const planning = createLlmPlanning({ baseURL: server.baseURL, store: createMemoryStore() });
      const outcome = await planning.request({
        limitKey: name,
        profile,
        signal: new AbortController().signal,
      });
      if (outcome.kind !== "accepted") throw new Error(`profile ${name} was not accepted`);
      for await (const event of outcome.events) {
        if (event.type !== "done") continue;
        const { usage, costUsd: cost } = event.meta;
        if (!usage || cost === undefined) throw new Error(`no usage for ${name}`);
        out.push({
          name,
          usage,
          costUsd: cost,
          source: event.meta.source,
          repairs: event.meta.repairs.length,
        });
      }
    }
    return out;
  } finally {
    await server.close();
  }
}

const mean = (values: readonly number[]) =>
  values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

export async function run(): Promise<BenchResult> {
  const set = await measure(representativeProfiles());
  const mix = await measure(
    population(SETTINGS.populationSample).map((profile, index): [string, Profile] => [
      `mix-${index}`,
      profile,
    ]),
  );
  const gpt4o = KNOWN_PRICES[BENCH_MODEL] as Prices;
  const at = (usage: Usage, prices: Prices) => costUsd(usage, prices);

  const meanCost = mean(set.map((row) => at(row.usage, gpt4o)));
  const maxRow = set.reduce((a, b) => (at(b.usage, gpt4o) > at(a.usage, gpt4o) ? b : a));
  const maxCost = at(maxRow.usage, gpt4o);
  const over = set.filter((row) => at(row.usage, gpt4o) > SETTINGS.goalUsd);
  const mixMean = mean(mix.map((row) => at(row.usage, gpt4o)));
  const notLlm = [...set, ...mix].filter((row) => row.source !== "llm").length;
  const repaired = [...set, ...mix].filter((row) => row.repairs > 0).length;

  const perProfile = table(
    ["profile", "tokens in", "tokens out", "GPT-4o", "source"],
    set.map((row) => [
      row.name,
      count(row.usage.inputTokens),
      count(row.usage.outputTokens),
      usd(at(row.usage, gpt4o)),
      row.source,
    ]),
  );
  const models = table(
    ["model", "in / out per M", "mean, set", "max, set", "mean, realistic mix"],
    Object.entries(KNOWN_PRICES).map(([model, prices]) => [
      model,
      `$${prices.inputPerM} / $${prices.outputPerM}`,
      usd(mean(set.map((row) => at(row.usage, prices)))),
      usd(Math.max(...set.map((row) => at(row.usage, prices)))),
      usd(mean(mix.map((row) => at(row.usage, prices)))),
    ]),
  );
  const verdict =
    over.length === 0
      ? "Every profile in the set is under the goal."
      : `${over.length} of ${set.length} profiles in the set cost more than the goal: ${over.map((row) => `${row.name} (${usd(at(row.usage, gpt4o))}, ${fixed((100 * at(row.usage, gpt4o)) / SETTINGS.goalUsd - 100, 0)}% over)`).join(", ")}. These are the longest plans (six training days of 75 to 90 minutes), whose answers run to about ${count(maxRow.usage.outputTokens)} output tokens; output is ${fixed((100 * maxRow.usage.outputTokens * gpt4o.outputPerM) / 1_000_000 / maxCost, 0)}% of their cost at GPT-4o prices. The mean, and the realistic mix, are under the goal.`;
  return {
    name: "cost",
    title: "3. Cost per fresh plan",
    figure: `${usd(meanCost)} per plan at GPT-4o prices (max ${usd(maxCost)}, realistic mix ${usd(mixMean)})`,
    ratio: times(meanCost / SETTINGS.baselineUsd),
    versus: "the original $0.01 cap",
    baseline: "the original design's cap of $0.01 per plan at GPT-4o prices",
    goal: "mean <= $0.005 at GPT-4o prices",
    met: meanCost <= SETTINGS.goalUsd,
    details: [
      `The LLM generator (src/llm) sends its real prompt (buildMessages: the system prompt and the profile, targets and exercise menu as JSON) to the fake OpenAI server, which answers with the plan the model is asked to write (test/fakes/model.ts: the built-in planner's plan in the line format, without the fields the decoder fills in) and reports usage counted with the o200k tokenizer plus chat framing. The cost is the pipeline's own (meta.costUsd); other models' prices are applied to the same token counts. The set is the ${set.length} representative profiles; the realistic mix is ${mix.length} profiles drawn from the population of the cache benchmark.`,
      perProfile,
      `Set means: ${count(mean(set.map((row) => row.usage.inputTokens)))} tokens in, ${count(mean(set.map((row) => row.usage.outputTokens)))} tokens out. Realistic mix means: ${count(mean(mix.map((row) => row.usage.inputTokens)))} in, ${count(mean(mix.map((row) => row.usage.outputTokens)))} out. Answers that did not end as an LLM plan: ${notLlm}; plans that needed repairs: ${repaired}.`,
      models,
      verdict,
      "A real model writes titles and notes of its own, so its answers run somewhat longer than these; reasoning models (gpt-5 family) also bill hidden reasoning tokens as output, not counted here; a retry after failed checks costs a second request, which the pipeline makes only when it fits under LLM_MAX_COST_PER_PLAN_USD.",
    ],
  };
}
