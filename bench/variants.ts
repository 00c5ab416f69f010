/**
 * Profile variants for the cache benchmark. Equivalent variants change only what the plan cache
 * key treats as irrelevant (the exact age within a band, minutes within a step, order, repeats,
 * case and spacing of text, defaults written out); significant variants change one thing that can
 * change the plan.
 */
import { ageBand, ageRule, CACHE_KEY_RULES } from "../src/pipeline/cache-key.js";
import {
  EQUIPMENT,
  EXPERIENCE,
  GOALS,
  LIMITS,
  type Profile,
  type ProfileInput,
} from "../src/profile/schema.js";

export interface Variant {
  /** What was changed, such as "age in band". */
  readonly kind: string;
  /** The profile as a user or API would send it: not yet parsed. */
  readonly input: ProfileInput;
}

const ZERO_WIDTH = "\u200b";

function shout(text: string): string {
  return text === "" ? text : `  ${text.toUpperCase().replace(/ /g, `\t${ZERO_WIDTH} `)}\n`;
}

/** Variants the cache must treat as the base profile, for the built-in planner. */
export function equivalentVariants(base: Profile): Variant[] {
  const out: Variant[] = [];
  const band = ageBand(base.age);
  for (let age = LIMITS.minAge; age <= LIMITS.maxAge; age += 1) {
    if (age !== base.age && ageBand(age) === band)
      out.push({ kind: "age in band", input: { ...base, age } });
  }
  const step = CACHE_KEY_RULES.minutesStep;
  const low = Math.floor(base.minutes / step) * step;
  for (const minutes of [low, low + 7, low + step - 1]) {
    if (minutes !== base.minutes && minutes >= LIMITS.minMinutes && minutes <= LIMITS.maxMinutes) {
      out.push({ kind: "minutes in step", input: { ...base, minutes } });
    }
  }
  const firstEquipment = base.equipment[0];
  out.push({
    kind: "equipment reordered and repeated",
    input: {
      ...base,
      equipment: [...base.equipment].reverse().concat(firstEquipment ? [firstEquipment] : []),
    },
  });
  const withoutBodyweight = base.equipment.filter((item) => item !== "bodyweight");
  if (withoutBodyweight.length > 0) {
    out.push({ kind: "bodyweight left out", input: { ...base, equipment: withoutBodyweight } });
  }
  if (base.injuries.length > 1) {
    out.push({
      kind: "injuries reordered",
      input: { ...base, injuries: [...base.injuries].reverse() },
    });
  }
  if (base.notes !== "")
    out.push({ kind: "notes case and spacing", input: { ...base, notes: shout(base.notes) } });
  if (base.injuryNotes !== "") {
    out.push({
      kind: "injury notes case and spacing",
      input: { ...base, injuryNotes: shout(base.injuryNotes) },
    });
  }
  // The built-in planner reads age only through its age rules, and no free text or units.
  for (const age of [base.age + 11, base.age - 11]) {
    if (ageRule(age) === ageRule(base.age) && ageBand(age) !== band && age >= LIMITS.minAge) {
      out.push({ kind: "age elsewhere in its age rule", input: { ...base, age } });
    }
  }
  if (base.injuries.some((injury) => injury !== "none")) {
    out.push({
      kind: "injury notes, which the planner does not read",
      input: { ...base, injuryNotes: `${base.injuryNotes} worse on stairs`.trim() },
    });
  }
  out.push({
    kind: "units, which the planner does not read",
    input: { ...base, units: base.units === "kg" ? "lb" : "kg" },
  });
  out.push({
    kind: "notes, which the planner does not read",
    input: { ...base, notes: `${base.notes} I cycle on Sundays`.trim() },
  });
  const { units: _units, notes: _notes, injuryNotes: _injuryNotes, ...required } = base;
  if (base.units === "kg" && base.notes === "" && base.injuryNotes === "") {
    out.push({ kind: "defaults left out", input: required });
  }
  return out;
}

function other<T>(values: readonly T[], current: T | undefined): T[] {
  return values.filter((value) => value !== current);
}

/** Variants the cache must never treat as the base profile, nor as each other. */
export function significantVariants(base: Profile): Variant[] {
  const out: Variant[] = [];
  for (const goal of other(GOALS, base.goal)) out.push({ kind: "goal", input: { ...base, goal } });
  for (const experience of other(EXPERIENCE, base.experience)) {
    out.push({ kind: "experience", input: { ...base, experience } });
  }
  for (const days of [base.daysPerWeek - 1, base.daysPerWeek + 1]) {
    if (days >= LIMITS.minDays && days <= LIMITS.maxDays) {
      out.push({ kind: "days", input: { ...base, daysPerWeek: days } });
    }
  }
  const step = CACHE_KEY_RULES.minutesStep;
  const low = Math.floor(base.minutes / step) * step;
  for (const minutes of [low - 1, low + step]) {
    if (minutes >= LIMITS.minMinutes && minutes <= LIMITS.maxMinutes) {
      out.push({ kind: "minutes across a step", input: { ...base, minutes } });
    }
  }
  // Bodyweight is always added to a profile's equipment, so adding it changes nothing.
  for (const item of EQUIPMENT) {
    if (base.equipment.includes(item) || item === "bodyweight") continue;
    out.push({ kind: "equipment", input: { ...base, equipment: [...base.equipment, item] } });
  }
  const removable = base.equipment.filter((item) => item !== "bodyweight");
  if (removable.length > 0) {
    const fewer = base.equipment.filter((item) => item !== removable[0]);
    out.push({ kind: "equipment", input: { ...base, equipment: fewer } });
  }
  const injured = base.injuries.filter((injury) => injury !== "none");
  for (const injury of ["knees", "lower_back", "shoulders", "wrists"] as const) {
    if (injured.includes(injury)) continue;
    out.push({ kind: "injuries", input: { ...base, injuries: [...injured, injury] } });
  }
  if (injured.length > 0) {
    out.push({ kind: "injuries", input: { ...base, injuries: ["none"], injuryNotes: "" } });
  }
  for (const age of agesAcrossRules(base.age))
    out.push({ kind: "age across a rule", input: { ...base, age } });
  return out;
}

/** Ages on the other side of the nearest age rules (18 and 65). */
function agesAcrossRules(age: number): number[] {
  const [adult = 18, senior = 65] = CACHE_KEY_RULES.ageRuleStarts;
  if (age < adult) return [adult];
  if (age < senior) return [adult - 1, senior];
  return [senior - 1];
}
