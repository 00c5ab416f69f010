import { findExercise } from "../planner/library.js";
import { SESSION_SET_CAP, WEEKLY_SETS, weeklyFloor } from "../planner/rules.js";
import { MAJOR_MUSCLES } from "../planner/types.js";
import { daySets, weekSets } from "../planner/volume.js";
import type { Profile } from "../profile/schema.js";
import { CHECK_LIMITS, type Violation } from "./check-limits.js";
import type { Day, Plan } from "./schema.js";

/** Weekly hard sets per major muscle within the experience range, spread over enough days. */
export function checkVolume(plan: Plan, profile: Profile): Violation[] {
  const out: Violation[] = [];
  const week = weekSets(plan);
  const floor = weeklyFloor(profile);
  const { max } = WEEKLY_SETS[profile.experience];
  const perDay = plan.days.map((day) => ({ day, sets: daySets(day), primary: primarySets(day) }));
  const trained = plan.days.filter((day) => day.kind === "training").length;

  for (const muscle of MAJOR_MUSCLES) {
    if (week[muscle] < floor[muscle]) {
      out.push({
        code: "volume_low",
        message: `${muscle}: ${week[muscle]} weekly sets, want at least ${floor[muscle]}.`,
      });
    }
    if (week[muscle] > max) {
      out.push({
        code: "volume_high",
        message: `${muscle}: ${week[muscle]} weekly sets, more than ${max}.`,
      });
    }
    const days = perDay.filter(
      (entry) => entry.sets[muscle] >= CHECK_LIMITS.minFrequencySets,
    ).length;
    if (trained >= 2 && profile.daysPerWeek >= 2 && days < 2) {
      out.push({
        code: "frequency_low",
        message: `${muscle} is trained on ${days} day(s); want 2 or more.`,
      });
    }
    for (const { day, sets } of perDay) {
      if (sets[muscle] > SESSION_SET_CAP) {
        out.push({
          code: "session_volume_high",
          message: `${muscle}: ${sets[muscle]} sets in one session.`,
          day: day.day,
        });
      }
    }
  }

  perDay.forEach((today, index) => {
    const next = perDay[(index + 1) % perDay.length];
    if (!next || next === today) return;
    const both = MAJOR_MUSCLES.filter(
      (m) =>
        today.primary[m] >= CHECK_LIMITS.hardDayPrimarySets &&
        next.primary[m] >= CHECK_LIMITS.hardDayPrimarySets,
    );
    if (both.length > 0) {
      out.push({
        code: "consecutive_hard_days",
        message: `${both.join(", ")} trained hard on two days in a row.`,
        day: next.day.day,
      });
    }
  });
  return out;
}

/** Direct (primary) sets per major muscle in a day. */
function primarySets(day: Day): Record<(typeof MAJOR_MUSCLES)[number], number> {
  const sets = Object.fromEntries(MAJOR_MUSCLES.map((m) => [m, 0])) as Record<
    (typeof MAJOR_MUSCLES)[number],
    number
  >;
  for (const exercise of day.exercises) {
    const def = findExercise(exercise.name);
    if (!def || def.kind === "conditioning" || def.kind === "mobility") continue;
    for (const muscle of MAJOR_MUSCLES)
      if (def.primary.includes(muscle)) sets[muscle] += exercise.sets;
  }
  return sets;
}
