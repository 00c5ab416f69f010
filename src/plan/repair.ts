/**
 * Plan repair: the safe, deterministic fixes for a plan that failed its checks. Exercises the
 * person cannot or should not do are swapped for safe substitutes (never dropped while a
 * substitute exists), over-long sessions and over-high volume are trimmed, order, effort and
 * notes are corrected, and stated minutes are re-estimated. Whatever is left is reported, and the
 * pipeline then falls back to the built-in plan.
 */
import {
  effortRir,
  estimateDayMinutes,
  repRange,
  warmupTotalMinutes,
} from "../planner/estimate.js";
import { findExercise, hasEquipment, isContraindicated } from "../planner/library.js";
import { injuryNote, SUPERVISION_NOTE } from "../planner/notes.js";
import {
  AGE_INTENSITY,
  ageBand,
  minWarmupMinutes,
  prescription,
  SESSION_SET_CAP,
  WEEKLY_SETS,
} from "../planner/rules.js";
import { type Kind, MAJOR_MUSCLES, type MajorMuscle, type Pattern } from "../planner/types.js";
import { daySets, setContribution, weekSets } from "../planner/volume.js";
import type { Profile } from "../profile/schema.js";
import {
  checkPlan,
  hasSafetyNote,
  hasSupervisionNote,
  type Violation,
  type ViolationCode,
} from "./checks.js";
import type { Day, Exercise, Plan } from "./schema.js";
import { alternatives, redose } from "./swap.js";

export interface RepairResult {
  readonly plan: Plan;
  /** Codes that were present before and are gone now. */
  readonly repaired: ViolationCode[];
  /** What still fails; non-empty means the plan must not be shown. */
  readonly remaining: Violation[];
}

/** Words that give away the pattern of an exercise the library does not know. */
const GUESSES: readonly (readonly [RegExp, Pattern])[] = [
  [/split squat|lunge|step.?up/i, "lunge"],
  [/squat|leg press/i, "squat"],
  [/deadlift|rdl|bridge|thrust|swing|good morning|hinge/i, "hinge"],
  [/overhead|shoulder press|military|pike/i, "push_vertical"],
  [/bench|push.?up|press.?up|chest press|floor press|dip/i, "push_horizontal"],
  [/pull.?up|chin.?up|pull.?down/i, "pull_vertical"],
  [/row/i, "pull_horizontal"],
  [/carry|farmer/i, "carry"],
  [/plank|crunch|sit.?up|dead.?bug|\babs?\b|core|hollow/i, "core"],
  [/run|jog|bike|cycl|jump|burpee|sprint|cardio|interval|walk|skip/i, "conditioning"],
  [/stretch|mobility|yoga|foam/i, "mobility"],
  [/balance/i, "balance"],
];

/** Display order inside a day; unknown and mobility work stays in front. */
const ORDER: Record<Kind, number> = {
  mobility: -1,
  compound: 0,
  isolation: 1,
  core: 2,
  conditioning: 3,
};

/** Repairs what is safe to repair and reports the rest. Pure and deterministic. */
export function repairPlan(plan: Plan, profile: Profile): RepairResult {
  const before = checkPlan(plan, profile);
  if (before.length === 0) return { plan, repaired: [], remaining: [] };

  let days = plan.days.map((day) => (day.kind === "rest" ? day : fixDay(day, profile)));
  days = trimVolume(days, profile);
  days = days.map((day) => (day.kind === "rest" ? day : fitTime(day, profile)));
  const fixed: Plan = { ...plan, days, notes: fixNotes(plan.notes, profile) };

  const remaining = checkPlan(fixed, profile);
  const left = new Set(remaining.map((v) => v.code));
  const repaired = [...new Set(before.map((v) => v.code))].filter((code) => !left.has(code));
  return { plan: fixed, repaired, remaining };
}

function fixDay(day: Day, profile: Profile): Day {
  const exercises: Exercise[] = [];
  const planned = day.exercises.map((e) => findExercise(e.name)?.name ?? e.name);
  for (const exercise of day.exercises) {
    // A substitute must not repeat anything already on the day, before or after it.
    const used = new Set([...planned, ...exercises.map((e) => e.name)]);
    const safe = safeVersion(exercise, profile, used);
    if (safe) exercises.push(fixIntensity(safe, profile));
  }
  exercises.sort((a, b) => rank(a) - rank(b)); // stable: the order within each kind is kept

  const short = minWarmupMinutes(profile) - warmupTotalMinutes(day.warmup);
  const warmup =
    day.kind === "training" && short > 0
      ? [`${Math.ceil(short)} min easy cardio: brisk walk or marching`, ...day.warmup].slice(0, 8)
      : day.warmup;
  return { ...day, warmup, exercises };
}

function rank(exercise: Exercise): number {
  const kind = findExercise(exercise.name)?.kind;
  return kind === undefined ? ORDER.mobility : ORDER[kind];
}

/** The exercise if it is fine, a safe substitute if not, undefined if there is none. */
function safeVersion(
  exercise: Exercise,
  profile: Profile,
  used: ReadonlySet<string>,
): Exercise | undefined {
  const def = findExercise(exercise.name);
  if (def && hasEquipment(def, profile.equipment) && !isContraindicated(def, profile.injuries)) {
    return exercise;
  }
  const pattern = def ? undefined : GUESSES.find(([words]) => words.test(exercise.name))?.[1];
  const like = def ? { def } : pattern ? { pattern } : undefined;
  const substitute = like ? alternatives(like, profile, used)[0] : undefined;
  return substitute ? redose(exercise, substitute, profile) : undefined;
}

/** Effort the checks can read, and no near-maximal work for teenagers and older adults. */
function fixIntensity(exercise: Exercise, profile: Profile): Exercise {
  const def = findExercise(exercise.name);
  if (!def) return exercise;
  const rx = prescription(profile);
  const dose = def.kind === "compound" ? rx.compound : rx.isolation;
  const strength = def.kind === "compound" || def.kind === "isolation" || def.kind === "core";
  let next = exercise;
  if (strength && !effortRir(next.effort)) next = { ...next, effort: dose.effort };
  if (ageBand(profile.age) !== "adult") {
    const reps = next.reps === undefined ? undefined : repRange(next.reps);
    if (reps && reps[0] < AGE_INTENSITY.minReps) next = { ...next, reps: dose.reps };
    const effort = effortRir(next.effort);
    if (effort && effort.hardest < AGE_INTENSITY.minRir) next = { ...next, effort: "RIR 2-3" };
  }
  return next;
}

/** Takes sets away, isolation work first, until no muscle is over its weekly or session cap. */
function trimVolume(days: readonly Day[], profile: Profile): Day[] {
  const max = WEEKLY_SETS[profile.experience].max;
  const out = days.map((day) => ({ ...day, exercises: day.exercises.map((e) => ({ ...e })) }));
  for (;;) {
    const week = weekSets({ title: "", days: out, notes: [] });
    const overWeek = MAJOR_MUSCLES.find((m) => week[m] > max);
    if (overWeek) {
      if (dropOneSet(out, overWeek)) continue;
      break;
    }
    const overDay = out.find((day) => MAJOR_MUSCLES.some((m) => daySets(day)[m] > SESSION_SET_CAP));
    const muscle = overDay && MAJOR_MUSCLES.find((m) => daySets(overDay)[m] > SESSION_SET_CAP);
    if (!overDay || !muscle || !dropOneSet([overDay], muscle)) break;
  }
  return out;
}

/** Removes one set from the exercise that gives `muscle` the most, isolation work first. */
function dropOneSet(days: readonly Day[], muscle: MajorMuscle): boolean {
  let best: { exercise: Exercise; score: number } | undefined;
  for (const day of days) {
    for (const exercise of day.exercises) {
      const share = setContribution(exercise.name)[muscle] ?? 0;
      if (share === 0 || exercise.sets <= 1) continue;
      const isolation = findExercise(exercise.name)?.kind !== "compound";
      const score = (isolation ? 100 : 0) + exercise.sets + share;
      if (!best || score > best.score) best = { exercise, score };
    }
  }
  if (!best) return false;
  best.exercise.sets -= 1;
  return true;
}

/** Shortens a session that runs over: shorter rests, then fewer sets, then fewer extras. */
function fitTime(day: Day, profile: Profile): Day {
  if (estimateDayMinutes(day) <= profile.minutes) return withMinutes(day);
  const rx = prescription(profile);
  let exercises = day.exercises.map((e) => {
    const kind = findExercise(e.name)?.kind;
    if (kind === "conditioning" || kind === "mobility") return { ...e };
    const cap = kind === "compound" ? rx.compound.restSeconds : rx.isolation.restSeconds;
    return { ...e, restSeconds: Math.min(e.restSeconds, cap) };
  });
  const fits = () => estimateDayMinutes({ ...day, exercises }) <= profile.minutes;

  for (const floor of [2, 1]) {
    while (!fits()) {
      const candidates = exercises.filter((e) => e.sets > floor);
      const victim = candidates.sort((a, b) => rank(b) - rank(a) || b.sets - a.sets)[0];
      if (!victim) break;
      victim.sets -= 1;
    }
  }
  while (!fits()) {
    const index = exercises.findLastIndex((e) => rank(e) !== ORDER.compound);
    if (index < 0) break;
    exercises = exercises.filter((_, i) => i !== index);
  }
  return withMinutes({ ...day, exercises });
}

function withMinutes(day: Day): Day {
  return { ...day, minutes: estimateDayMinutes(day) };
}

function fixNotes(notes: readonly string[], profile: Profile): string[] {
  const next = [...notes];
  const add = (note: string) => {
    if (next.length >= 8) next.pop();
    next.push(note);
  };
  if (!hasSafetyNote(next, profile)) add(injuryNote(profile));
  if (!hasSupervisionNote(next, profile)) add(SUPERVISION_NOTE);
  return next;
}
