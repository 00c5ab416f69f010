/**
 * The built-in planner: a deterministic, rule-based weekly plan for any valid profile, and the
 * generator that streams it day by day behind the same interface as the LLM.
 */
import { plannerView } from "../pipeline/cache-key.js";
import type {
  GenerateContext,
  GeneratorChunk,
  PlanGenerator,
  ReplanInput,
} from "../pipeline/types.js";
import type { Day, Plan } from "../plan/schema.js";
import type { Profile } from "../profile/schema.js";
import { progressPlan } from "../progression/progress.js";
import { recoveryDay } from "./extras.js";
import { planNotes } from "./notes.js";
import { adjustmentFor } from "./progression.js";
import { hardDays } from "./rules.js";
import { constraintsFor } from "./select.js";
import { trainingDays } from "./session.js";
import { type TemplateName, weekLayout } from "./split.js";

export { estimateDayMinutes } from "./estimate.js";
export { exerciseNamesFor } from "./library.js";

/** Bump whenever the planner's output can change: it is part of plan cache keys. */
export const PLANNER_VERSION = "1.2.0";

const GOAL_TITLE: Record<Profile["goal"], string> = {
  strength: "Strength",
  muscle: "Muscle building",
  fat_loss: "Fat loss",
  endurance: "Endurance",
  general: "General fitness",
};

/** The plan for a profile. Pure: the same profile (and re-plan input) gives the same plan. */
export function buildPlan(profile: Profile, replan?: ReplanInput): Plan {
  const adjustment = adjustmentFor(profile, replan);
  const c = constraintsFor(profile, adjustment.banned);
  const hard = hardDays(profile);
  const layout = weekLayout(hard, profile.daysPerWeek);

  const sessions = layout.flatMap((role, index) =>
    role.kind === "training" ? [{ day: index + 1, template: role.template as TemplateName }] : [],
  );
  const training = new Map(trainingDays(sessions, c).map((day) => [day.day, day]));
  let recoveryIndex = 0;
  const days = layout.map((role, index): Day => {
    const day = index + 1;
    if (role.kind === "training") return training.get(day) as Day;
    if (role.kind === "recovery") return recoveryDay(day, c, recoveryIndex++);
    return { day, kind: "rest", focus: "Rest", warmup: [], exercises: [], minutes: 0 };
  });

  const title = `${GOAL_TITLE[profile.goal]}: ${hard} training day${hard === 1 ? "" : "s"} a week, ${profile.minutes} min`;
  const plan = { title, days, notes: planNotes(profile, profile.daysPerWeek - hard) };
  return replan ? progressPlan(plan, replan, profile) : plan;
}

/** The built-in planner as a plan generator: one partial per finished day, then the plan. */
export function createPlannerGenerator(): PlanGenerator {
  return {
    id: `planner@${PLANNER_VERSION}`,
    source: "planner",
    cacheView: plannerView,
    async *generate(profile: Profile, context: GenerateContext): AsyncIterable<GeneratorChunk> {
      if (context.signal.aborted) return;
      const plan = buildPlan(profile, context.replan);
      for (let count = 1; count <= plan.days.length; count++) {
        if (context.signal.aborted) return;
        yield { type: "partial", plan: { title: plan.title, days: plan.days.slice(0, count) } };
      }
      if (context.signal.aborted) return;
      yield { type: "final", candidate: plan };
    },
  };
}
