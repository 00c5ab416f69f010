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
  type Prescription,
  prescription,
  SESSION_SET_CAP,
  WEEKLY_SETS,
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

/**
 * The steps of the set hand-out: essentials to one set then two; extras straight to two (two
 * sets of fewer exercises beat one set of many); then everything up a set at a time.
 */
function* steps(maxSets: number): Generator<{ essential?: boolean; from: number; to: number }> {
  yield { essential: true, from: 0, to: 1 };
  yield { essential: true, from: 1, to: 2 };
  yield { essential: false, from: 0, to: 2 };
  for (let level = 3; level <= maxSets; level++) yield { from: level - 1, to: level };
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

  const tryAdd = (draft: Draft, dayIndex: number, item: Item, count: number): void => {
    const share = setContribution(item.def.name);
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
        if (step.essential !== undefined && item.essential !== step.essential) return;
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
