/**
 * Benchmark 6, the built-in planner: plans per second (buildPlan, then checkPlan, as the
 * pipeline does for every built-in plan), beside a bare PlanSchema.parse of the same plans.
 */
import { checkPlan } from "../src/plan/checks.js";
import { type Plan, PlanSchema } from "../src/plan/schema.js";
import { buildPlan } from "../src/planner/index.js";
import type { Profile } from "../src/profile/schema.js";
import { representativeProfiles } from "./profiles.js";
import { type BenchResult, count, fixed, table, times } from "./result.js";
import { rateOf } from "./timing.js";

const SETTINGS = {
  measureMs: 1_500, // per measured loop
} as const;

export async function run(): Promise<BenchResult> {
  const profiles = representativeProfiles();
  const plans: [Profile, Plan][] = profiles.map(([, profile]) => [profile, buildPlan(profile)]);
  const failing = plans.filter(([profile, plan]) => checkPlan(plan, profile).length > 0).length;
  const pair = (index: number) => plans[index % plans.length] as [Profile, Plan];

  let sink = 0;
  const planned = rateOf((index) => {
    const [profile] = pair(index);
    const plan = buildPlan(profile);
    sink += checkPlan(plan, profile).length + plan.days.length;
  }, SETTINGS.measureMs);
  const built = rateOf((index) => {
    sink += buildPlan(pair(index)[0]).days.length;
  }, SETTINGS.measureMs);
  const parsed = rateOf((index) => {
    sink += PlanSchema.parse(pair(index)[1]).days.length;
  }, SETTINGS.measureMs);
  if (sink < 0) throw new Error("unreachable: keeps the work from being optimised away");

  const ratio = planned.perSecond / parsed.perSecond;
  const rows = [
    ["buildPlan + checkPlan", count(planned.perSecond), fixed(1_000 / planned.perSecond, 3)],
    ["buildPlan alone", count(built.perSecond), fixed(1_000 / built.perSecond, 3)],
    ["PlanSchema.parse (baseline)", count(parsed.perSecond), fixed(1_000 / parsed.perSecond, 3)],
  ];
  return {
    name: "planner",
    title: "6. Built-in planner",
    figure: `${count(planned.perSecond)} plans/s`,
    ratio: times(ratio),
    versus: "bare schema parse",
    baseline: `PlanSchema.parse of the same plans: ${count(parsed.perSecond)} parses/s`,
    goal: "none",
    met: undefined,
    details: [
      `Each loop cycles through the ${profiles.length} representative profiles (bench/profiles.ts) for ${fixed(SETTINGS.measureMs / 1_000, 1)} s after a short warm-up, on one core. A plan is buildPlan then checkPlan, which is what the pipeline does for each built-in plan; the baseline parses the same finished plans with the zod PlanSchema and nothing else.`,
      table(["loop", "per second", "ms each"], rows),
      `Plans that failed their own checks: ${failing} of ${profiles.length}. A plan costs ${fixed(ratio > 0 ? 1 / ratio : 0, 1)} schema parses of its own result.`,
    ],
  };
}
