/**
 * Deload bookkeeping: a deload plan is marked in its title, so the weeks since the last one can
 * be counted from history alone, whichever generator wrote them.
 */
import type { Plan } from "../plan/schema.js";

const DELOAD = /\bdeload\b/i;

export function isDeloadPlan(plan: Plan): boolean {
  return DELOAD.test(plan.title);
}

/** Loading weeks since the last deload, counting back from the newest plan (first in the list). */
export function loadingWeeks(newestFirst: readonly Plan[]): number {
  const index = newestFirst.findIndex(isDeloadPlan);
  return index < 0 ? newestFirst.length : index;
}
