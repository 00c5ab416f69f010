/**
 * The plan cache key. Two profiles share a key when the generator would treat them alike, and
 * never when they differ in anything that changes the plan: goal, experience, days, equipment,
 * injuries, units, the words of the notes, or an age rule.
 */
import { createHash } from "node:crypto";
import type { Profile } from "../profile/schema.js";
import { cleanText } from "../text.js";

export const CACHE_KEY_RULES = {
  /** Bumped whenever normalisation changes, so that old entries are never read with new rules. */
  version: 2,
  ageBandYears: 5,
  /** Ages where the programming rules change: under 18, 18 to 64, 65 and over. */
  ageRuleStarts: [18, 65],
  minutesStep: 15,
} as const;

/** The parts of a profile a plan depends on, in a form equal for near-identical profiles. */
export interface NormalisedProfile {
  /** An inclusive age range such as "30-34" that lies within one age rule. */
  readonly ageBand: string;
  readonly goal: Profile["goal"];
  readonly experience: Profile["experience"];
  readonly daysPerWeek: number;
  /** Rounded down, so a plan made for the band fits everyone in it. */
  readonly minutes: number;
  readonly equipment: readonly string[];
  readonly injuries: readonly string[];
  readonly injuryNotes: string;
  readonly units: Profile["units"];
  readonly notes: string;
}

/**
 * Normalises a profile for the cache. "full_gym" is kept beside the other equipment as given
 * rather than expanded, since two lists only mean the same exercises when the planner says so.
 */
export function normaliseProfile(profile: Profile): NormalisedProfile {
  return {
    ageBand: ageBand(profile.age),
    goal: profile.goal,
    experience: profile.experience,
    daysPerWeek: profile.daysPerWeek,
    minutes: roundDown(profile.minutes, CACHE_KEY_RULES.minutesStep),
    equipment: sortedSet(profile.equipment),
    injuries: sortedSet(profile.injuries),
    injuryNotes: normaliseText(profile.injuryNotes),
    units: profile.units,
    notes: normaliseText(profile.notes),
  };
}

/**
 * What the built-in planner reads of a profile: age only through its age rules, and no free text
 * or units. Profiles equal in this view get the same built-in plan, minutes aside, and the plan
 * checks decide whether a plan made for other minutes in the same step fits.
 */
export function plannerView(profile: Profile): object {
  const {
    ageBand: _band,
    injuryNotes: _injury,
    units: _units,
    notes: _notes,
    ...rest
  } = normaliseProfile(profile);
  return { ...rest, ageRule: ageRule(profile.age) };
}

/**
 * The cache key for a plan: sha256 hex of the profile as the generator reads it (`view`, by
 * default the whole normalised profile), the generator id (which names the model or planner and
 * their prompt or planner version) and anything else the caller adds.
 */
export function planCacheKey(
  profile: Profile,
  generatorId: string,
  extra = "",
  view: object = normaliseProfile(profile),
): string {
  const material = stableJson({
    version: CACHE_KEY_RULES.version,
    profile: view,
    generator: generatorId,
    extra,
  });
  return createHash("sha256").update(material).digest("hex");
}

/** The age rule an age falls under: "<18", "18-64" or "65+" with today's rule starts. */
export function ageRule(age: number): string {
  const [first = 0, ...rest] = CACHE_KEY_RULES.ageRuleStarts;
  if (age < first) return `<${first}`;
  const starts = [first, ...rest];
  const index = starts.findLastIndex((start) => age >= start);
  const next = starts[index + 1];
  return next === undefined ? `${starts[index]}+` : `${starts[index]}-${next - 1}`;
}

/** The band of five years around an age, cut short where an age rule starts. */
export function ageBand(age: number): string {
  const width = CACHE_KEY_RULES.ageBandYears;
  let low = roundDown(age, width);
  let high = low + width - 1;
  for (const start of CACHE_KEY_RULES.ageRuleStarts) {
    if (age >= start && low < start) low = start;
    if (age < start && high >= start) high = start - 1;
  }
  return `${low}-${high}`;
}

function roundDown(value: number, step: number): number {
  return Math.floor(value / step) * step;
}

function sortedSet(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function normaliseText(text: string): string {
  return cleanText(text).toLowerCase();
}

/** JSON with object keys sorted at every depth, so equal values always give equal text. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
