/**
 * How last week's feedback shapes this week's plan. This is the seam for progression rules: the
 * planner asks it what to avoid and how to scale volume, and applies the answer.
 *
 * Today it bans exercises reported painful and leaves volume unchanged. Load and volume
 * progression (more sets after "too easy", fewer after "too hard", a deload after several hard
 * weeks) belongs here once the re-plan flow collects enough weeks of feedback to tune it.
 */
import type { ReplanInput } from "../pipeline/types.js";
import type { Profile } from "../profile/schema.js";
import { findExercise } from "./library.js";

export interface Adjustment {
  /** Canonical names of exercises not to use this week. */
  readonly banned: ReadonlySet<string>;
  /** Multiplier on the weekly set target; 1 keeps it. */
  readonly volumeScale: number;
}

export const NO_ADJUSTMENT: Adjustment = { banned: new Set(), volumeScale: 1 };

export function adjustmentFor(_profile: Profile, replan?: ReplanInput): Adjustment {
  if (!replan) return NO_ADJUSTMENT;
  const banned = new Set(replan.feedback.painful.map((name) => findExercise(name)?.name ?? name));
  return { banned, volumeScale: 1 };
}
