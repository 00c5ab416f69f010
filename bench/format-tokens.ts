/**
 * Measures the LLM output formats on real plans: the built-in planner's plan for each profile,
 * counted with the o200k tokenizer as compact JSON (what a json_schema response would hold), in
 * the line format with every field written, and in the line format as the model is asked to
 * write it (what the decoder fills left out, no per-exercise notes). With the prompt's input
 * tokens and the cost at GPT-4o prices. Run: npx tsx bench/format-tokens.ts; see docs/LLM.md.
 */
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { usualFor } from "../src/llm/decode.js";
import { formatPlan } from "../src/llm/format.js";
import { KNOWN_PRICES, type Prices } from "../src/llm/pricing.js";
import { buildMessages } from "../src/llm/prompt.js";
import { buildPlan } from "../src/planner/index.js";
import { askedPlan } from "../test/fakes/model.js";
import { representativeProfiles } from "./profiles.js";

const GPT_4O = KNOWN_PRICES["gpt-4o"] as Prices;
const FRAMING = 3; // tokens per chat message, and before the answer

const profiles = representativeProfiles();

interface Row {
  name: string;
  lines: number;
  linesFull: number;
  json: number;
  input: number;
  cost: number;
}

const rows: Row[] = profiles.map(([name, profile]) => {
  const plan = buildPlan(profile);
  const usual = usualFor(profile);
  const asAsked = askedPlan(profile);
  const lines = countTokens(formatPlan(asAsked, usual));
  const messages = buildMessages(profile, {});
  const input =
    FRAMING + messages.reduce((sum, message) => sum + FRAMING + countTokens(message.content), 0);
  const cost = (input * GPT_4O.inputPerM + lines * GPT_4O.outputPerM) / 1_000_000;
  return {
    name,
    lines,
    linesFull: countTokens(formatPlan(plan)),
    json: countTokens(JSON.stringify(plan)),
    input,
    cost,
  };
});

console.log(
  "| profile | lines as asked | lines, every field | compact JSON | every field / JSON | as asked / JSON | input | GPT-4o cost |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
for (const row of rows) {
  console.log(
    `| ${row.name} | ${row.lines} | ${row.linesFull} | ${row.json} | ${(row.linesFull / row.json).toFixed(2)} | ${(row.lines / row.json).toFixed(2)} | ${row.input} | $${row.cost.toFixed(5)} |`,
  );
}
const sum = (pick: (row: Row) => number) => rows.reduce((total, row) => total + pick(row), 0);
const max = (pick: (row: Row) => number) => Math.max(...rows.map(pick));
console.log(
  `| **mean** | ${(sum((r) => r.lines) / rows.length).toFixed(0)} | ${(sum((r) => r.linesFull) / rows.length).toFixed(0)} | ${(sum((r) => r.json) / rows.length).toFixed(0)} | ${(sum((r) => r.linesFull) / sum((r) => r.json)).toFixed(2)} | ${(sum((r) => r.lines) / sum((r) => r.json)).toFixed(2)} | ${(sum((r) => r.input) / rows.length).toFixed(0)} | $${(sum((r) => r.cost) / rows.length).toFixed(5)} |`,
);
console.log(
  `| **max** | ${max((r) => r.lines)} | ${max((r) => r.linesFull)} | ${max((r) => r.json)} | | | ${max((r) => r.input)} | $${max((r) => r.cost).toFixed(5)} |`,
);
