/**
 * The training days of a week: exercises chosen slot by slot, then sets handed out across the
 * whole week, essentials first, for as long as each session fits its minutes and each muscle
 * stays under its weekly and per-session caps.
 */
import type { Day, Exercise } from "../plan/schema.js";
import type { Profile } from "../profile/schema.js";
import { dosed } from "./dose.js";
import { estimateDayMinutes } from "./estimate.js";
import { finisherFor, warmupFor } from "./extras.js";
import { INJURY_STRESS } from "./library.js";
import {
  exercisesPerSession,
  type Prescription,
  prescription,
  SESSION_SET_CAP,
  WEEKLY_SETS,
  weeklyFloor,
  weeklyTarget,
} from "./rules.js";
import { type Constraints, pick, pickIgnoringInjuries } from "./select.js";
import { TEMPLATES, type TemplateName } from "./split.js";
import { type ExerciseDef, type Kind, MAJOR_MUSCLES } from "./types.js";
import { emptySets, type MuscleSets, setContribution } from "./volume.js";

interface Item {
  readonly def: ExerciseDef;
  readonly essential: boolean;
  readonly rank: number;
  readonly note?: string;
  sets: number;
}

interface Draft {
  readonly day: number;
  readonly focus: string;
  readonly warmup: string[];
  readonly items: Item[];
  readonly finisher?: Exercise;
}

/** The planner keeps below the check's per-session cap, leaving room for swaps. */
const PLANNER_SESSION_CAP = SESSION_SET_CAP - 2;

const KIND_ORDER: Record<Kind, number> = {
  compound: 0,
  isolation: 1,
  core: 2,
  conditioning: 3,
  mobility: 3,
};

/** Builds every training day of the week; `days` pairs each weekday with its session template. */
export function trainingDays(
  days: readonly { day: number; template: TemplateName }[],
  c: Constraints,
): Day[] {
  const rx = prescription(c.profile);
  const usedThisWeek = new Map<string, number>();
  const drafts = days.map(({ day, template }, index) => {
    const draft = chooseExercises(day, template, c, usedThisWeek, index);
    for (const item of draft.items) {
      usedThisWeek.set(item.def.name, (usedThisWeek.get(item.def.name) ?? 0) + 1);
    }
    return draft;
  });
  allocateSets(drafts, rx, c.profile);
  return drafts.map((draft) => toDay(draft, rx, c.profile));
}

function chooseExercises(
  day: number,
  name: TemplateName,
  c: Constraints,
  usedThisWeek: ReadonlyMap<string, number>,
  index: number,
): Draft {
  const template = TEMPLATES[name];
  const usedToday = new Set<string>();
  const items: Item[] = [];
  template.slots.forEach((slot, rank) => {
    const def = pick(slot.options, c, usedToday, usedThisWeek);
    if (!def) return;
    usedToday.add(def.name);
    const note = swapNote(
      def,
      pickIgnoringInjuries(slot.options, c.profile, usedToday, usedThisWeek),
      c.profile,
    );
    items.push({ def, essential: slot.essential, rank, sets: 0, ...(note ? { note } : {}) });
  });
  const finisher = finisherFor(c, index);
  return {
    day,
    focus: template.focus,
    warmup: warmupFor(c.profile, template.focus),
    items,
    ...(finisher ? { finisher } : {}),
  };
}

/** Says which exercise an injury replaced, so nothing is dropped silently. */
function swapNote(chosen: ExerciseDef, usual: ExerciseDef | undefined, profile: Profile): string {
  if (!usual || usual.name === chosen.name) return "";
  const injury = profile.injuries.find((i) =>
    usual.stress.some((s) => INJURY_STRESS[i].includes(s)),
  );
  if (!injury) return "";
  const joint = injury === "lower_back" ? "lower back" : injury;
  return `In place of ${usual.name}, to spare your ${joint}.`;
}

/** Which items a step of the set hand-out applies to. */
type Who = "essential" | "extra" | "lead" | "main" | "any";

/**
 * The steps of the set hand-out. Essentials get two sets (one first, in case time is short), then
 * the big lifts climb: essential multi-joint lifts to three, the main lifts to four. Only then do
 * extras join, straight at two sets (two sets of fewer exercises beat one set of many), and
 * everything reaches three, so the compound lifts keep the most sets and an extra that the week's
 * volume or the minutes cannot hold is left out rather than squeezed in.
 */
function* steps(maxSets: number): Generator<{ who: Who; from: number; to: number }> {
  yield { who: "essential", from: 0, to: 1 };
  yield { who: "essential", from: 1, to: 2 };
  yield { who: "lead", from: 2, to: 3 };
  if (maxSets >= 4) yield { who: "main", from: 3, to: 4 };
  yield { who: "extra", from: 0, to: 2 };
  yield { who: "any", from: 2, to: 3 };
  for (let level = 4; level <= maxSets; level++) {
    yield { who: "main", from: level - 1, to: level };
    yield { who: "lead", from: level - 1, to: level };
  }
}

/** An essential multi-joint lift: the work a session is built around. */
function isLead(item: Item): boolean {
  return item.essential && item.def.kind === "compound" && item.def.pattern !== "carry";
}

function applies(item: Item, who: Who): boolean {
  if (who === "essential") return item.essential;
  if (who === "extra") return !item.essential;
  if (who === "lead") return isLead(item);
  if (who === "main") return isMainLift(item);
  return true;
}

/** Isolation, core and carry work stops at three sets; main lifts may go higher. */
function setLimit(item: Item, rx: Prescription): number {
  return item.def.kind === "compound" && item.def.pattern !== "carry"
    ? rx.maxSets
    : Math.min(rx.maxSets, 3);
}

function allocateSets(drafts: readonly Draft[], rx: Prescription, profile: Profile): void {
  const target = weeklyTarget(profile);
  const max = WEEKLY_SETS[profile.experience].max;
  const week = emptySets();
  const perDay = drafts.map(() => emptySets());
  const maxRank = Math.max(0, ...drafts.flatMap((d) => d.items.map((item) => item.rank)));
  const perSession = exercisesPerSession(profile);
  const floor = weeklyFloor(profile);

  const tryAdd = (draft: Draft, dayIndex: number, item: Item, count: number): void => {
    const share = setContribution(item.def.name);
    // A session holds its essentials and extras up to the exercise count for its minutes; one
    // more only for a muscle still short of its weekly floor.
    const active = draft.items.filter((i) => i.sets > 0).length;
    const short = MAJOR_MUSCLES.some((m) => share[m] === 1 && week[m] < floor[m]);
    if (item.sets === 0 && !item.essential && active >= perSession && !short) return;
    const today = perDay[dayIndex] as MuscleSets;
    // Sets are worth adding while one of their primary muscles is under target, as long as no
    // muscle they touch goes over the weekly maximum or the per-session cap.
    const touched = MAJOR_MUSCLES.filter((m) => (share[m] ?? 0) > 0);
    const lagging = touched.some((m) => share[m] === 1 && week[m] + count <= target);
    const overCap = touched.some((m) => {
      const add = (share[m] ?? 0) * count;
      return week[m] + add > max || today[m] + add > PLANNER_SESSION_CAP;
    });
    if ((touched.length > 0 && !lagging) || overCap) return;
    item.sets += count;
    if (estimateDayMinutes(toDay(draft, rx, profile)) > profile.minutes) {
      item.sets -= count;
      return;
    }
    for (const m of MAJOR_MUSCLES) {
      week[m] += (share[m] ?? 0) * count;
      today[m] += (share[m] ?? 0) * count;
    }
  };

  for (const step of steps(rx.maxSets)) {
    for (let rank = 0; rank <= maxRank; rank++) {
      drafts.forEach((draft, dayIndex) => {
        const item = draft.items.find((i) => i.rank === rank);
        if (!item || item.sets !== step.from || step.to > setLimit(item, rx)) return;
        if (!applies(item, step.who)) return;
        tryAdd(draft, dayIndex, item, step.to - step.from);
      });
    }
  }
}

/** The first two bilateral compound lifts of a session; the rest is assistance work. */
function isMainLift(item: Item): boolean {
  return item.rank < 2 && item.def.kind === "compound" && !item.def.unilateral;
}

function toDay(draft: Draft, rx: Prescription, profile: Profile): Day {
  const lifts = draft.items
    .filter((item) => item.sets > 0)
    .sort((a, b) => KIND_ORDER[a.def.kind] - KIND_ORDER[b.def.kind] || a.rank - b.rank)
    .map((item) => dosed(item.def, item.sets, rx, profile, item.note, isMainLift(item)));
  const exercises = draft.finisher ? [...lifts, draft.finisher] : lifts;
  const day: Day = {
    day: draft.day,
    kind: "training",
    focus: draft.focus,
    warmup: draft.warmup,
    exercises,
    minutes: 0,
  };
  return { ...day, minutes: estimateDayMinutes(day) };
}
