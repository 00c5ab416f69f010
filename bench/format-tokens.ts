/**
 * Measures the LLM output formats on real plans: the built-in planner's plan for each profile,
 * counted with the o200k tokenizer as compact JSON (what a json_schema response would hold), in
 * the line format with every field written, and in the line format as the model is asked to
 * write it (what the decoder fills left out, no per-exercise notes). With the prompt's input
 * tokens and the cost at GPT-4o prices. Run: npx tsx bench/format-tokens.ts; see docs/LLM.md.
 */
import { readdirSync, readFileSync } from "node:fs";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { usualFor } from "../src/llm/decode.js";
import { formatPlan } from "../src/llm/format.js";
import { KNOWN_PRICES, type Prices } from "../src/llm/pricing.js";
import { buildMessages } from "../src/llm/prompt.js";
import { buildPlan } from "../src/planner/index.js";
import { type Profile, ProfileSchema } from "../src/profile/schema.js";

const GPT_4O = KNOWN_PRICES["gpt-4o"] as Prices;
const FRAMING = 3; // tokens per chat message, and before the answer

const examples = new URL("../examples/profiles/", import.meta.url);
const profiles: [string, Profile][] = readdirSync(examples)
  .filter((file) => file.endsWith(".json"))
  .map((file) => [
    file.replace(".json", ""),
    ProfileSchema.parse(JSON.parse(readFileSync(new URL(file, examples), "utf8"))),
  ]);
const extra: [string, object][] = [
  ["bodyweight-2d-30m-general", { age: 28, daysPerWeek: 2, minutes: 30 }],
  [
    "gym-4d-60m-muscle-int",
    {
      age: 30,
      goal: "muscle",
      experience: "intermediate",
      equipment: ["full_gym"],
      daysPerWeek: 4,
      minutes: 60,
    },
  ],
  [
    "gym-5d-75m-muscle-adv",
    {
      age: 27,
      goal: "muscle",
      experience: "advanced",
      equipment: ["full_gym"],
      daysPerWeek: 5,
      minutes: 75,
    },
  ],
  [
    "gym-6d-90m-strength-adv",
    {
      age: 35,
      goal: "strength",
      experience: "advanced",
      equipment: ["full_gym"],
      daysPerWeek: 6,
      minutes: 90,
    },
  ],
  [
    "db-kb-4d-45m-fatloss",
    {
      age: 45,
      goal: "fat_loss",
      experience: "intermediate",
      equipment: ["dumbbells", "kettlebells"],
      daysPerWeek: 4,
      minutes: 45,
    },
  ],
  [
    "bands-7d-20m-general",
    { age: 52, equipment: ["bands"], daysPerWeek: 7, minutes: 20, injuries: ["shoulders"] },
  ],
];
for (const [name, input] of extra) profiles.push([name, ProfileSchema.parse(input)]);

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
  // The model is asked for no notes of its own on exercises; the planner adds substitution notes.
  const usual = usualFor(profile);
  const asAsked = {
    ...plan,
    days: plan.days.map((day) => ({
      ...day,
      exercises: day.exercises.map(({ notes: _, ...exercise }) => {
        const notes = usual.exercise(exercise, day.kind).notes;
        return notes === undefined ? exercise : { ...exercise, notes };
      }),
    })),
  };
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
