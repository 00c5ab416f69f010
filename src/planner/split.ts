/**
 * The shape of the week: which days are hard, which are active recovery, and which kind of
 * session each hard day holds. Full body for 1 to 3 hard days, upper/lower for 4, an
 * upper/lower plus push/pull/legs hybrid for 5, push/pull/legs twice for 6.
 */
import type { Muscle, Pattern } from "./types.js";

/** One way to fill a slot: a movement pattern, optionally narrowed to a primary muscle. */
export interface SlotOption {
  readonly pattern: Pattern;
  readonly muscle?: Muscle;
}

/** A place in a session, filled by the first option that has a safe, available exercise. */
export interface Slot {
  readonly options: readonly SlotOption[];
  /** Essential slots are filled first and keep at least a set when time is short. */
  readonly essential: boolean;
}

export interface SessionTemplate {
  readonly focus: string;
  readonly slots: readonly Slot[];
}

const opt = (pattern: Pattern, muscle?: Muscle): SlotOption =>
  muscle === undefined ? { pattern } : { pattern, muscle };
const must = (...options: SlotOption[]): Slot => ({ options, essential: true });
const extra = (...options: SlotOption[]): Slot => ({ options, essential: false });

const KNEE = [opt("squat"), opt("lunge"), opt("isolation", "quads")];
const SINGLE_LEG = [opt("lunge"), opt("squat"), opt("isolation", "quads")];
const HINGE = [opt("hinge"), opt("isolation", "hamstrings"), opt("isolation", "glutes")];
const PUSH_H = [opt("push_horizontal"), opt("isolation", "chest")];
const PUSH_V = [opt("push_vertical"), opt("isolation", "shoulders"), opt("push_horizontal")];
const ROW = [opt("pull_horizontal"), opt("pull_vertical"), opt("isolation", "back")];
const PULL_V = [opt("pull_vertical"), opt("pull_horizontal"), opt("isolation", "back")];
const CORE = [opt("core"), opt("carry")];
const DELTS = [opt("isolation", "shoulders")];
const REAR = [opt("isolation", "back")];
const BICEPS = [opt("isolation", "biceps")];
const TRICEPS = [opt("isolation", "triceps")];
const HAMS = [opt("isolation", "hamstrings")];
const GLUTES = [opt("isolation", "glutes")];
const CALVES = [opt("isolation", "calves")];
const CHEST = [opt("isolation", "chest"), opt("push_horizontal")];

const LOWER_A: readonly Slot[] = [
  must(...KNEE),
  must(...HINGE),
  must(...SINGLE_LEG),
  extra(...HAMS),
  extra(...CALVES),
  extra(...CORE),
];

export const TEMPLATES = {
  fullA: {
    focus: "Full body A",
    slots: [
      must(...KNEE),
      must(...PUSH_H),
      must(...HINGE),
      must(...ROW),
      extra(...PUSH_V),
      extra(...CORE),
      extra(...SINGLE_LEG),
      extra(...PULL_V),
      extra(...CHEST),
      extra(...HAMS),
      extra(...BICEPS),
      extra(...TRICEPS),
      extra(...CALVES),
    ],
  },
  fullB: {
    focus: "Full body B",
    slots: [
      must(...HINGE),
      must(...PULL_V),
      must(...SINGLE_LEG),
      must(...PUSH_H),
      extra(...DELTS),
      extra(...CORE),
      extra(...KNEE),
      extra(...ROW),
      extra(...PUSH_V),
      extra(...REAR),
      extra(...CALVES),
      extra(...TRICEPS),
    ],
  },
  fullC: {
    focus: "Full body C",
    slots: [
      must(...SINGLE_LEG),
      must(...PUSH_H),
      must(...ROW),
      must(...HINGE),
      extra(...PUSH_V),
      extra(...CORE),
      extra(...KNEE),
      extra(...PULL_V),
      extra(...GLUTES),
      extra(...BICEPS),
      extra(...TRICEPS),
    ],
  },
  upperA: {
    focus: "Upper body A",
    slots: [
      must(...PUSH_H),
      must(...ROW),
      must(...PUSH_V),
      must(...PULL_V),
      extra(...DELTS),
      extra(...BICEPS),
      extra(...TRICEPS),
      extra(...REAR),
    ],
  },
  upperB: {
    focus: "Upper body B",
    slots: [
      must(...PULL_V),
      must(...PUSH_H),
      must(...ROW),
      must(...PUSH_V),
      extra(...REAR),
      extra(...TRICEPS),
      extra(...BICEPS),
      extra(...CHEST),
    ],
  },
  lowerA: { focus: "Lower body A", slots: LOWER_A },
  lowerB: {
    focus: "Lower body B",
    slots: [
      must(...HINGE),
      must(...KNEE),
      must(...SINGLE_LEG),
      extra(...CORE),
      extra(...CALVES),
      extra(...HAMS),
    ],
  },
  push: {
    focus: "Push: chest, shoulders, triceps",
    slots: [
      must(...PUSH_H),
      must(...PUSH_V),
      extra(...PUSH_H),
      extra(...DELTS),
      extra(...TRICEPS),
      extra(...CHEST),
    ],
  },
  pull: {
    focus: "Pull: back, biceps",
    slots: [
      must(...PULL_V),
      must(...ROW),
      extra(...ROW),
      extra(...REAR),
      extra(...BICEPS),
      extra(...CORE),
    ],
  },
  legs: {
    focus: "Legs and glutes",
    // The same slots as the first lower-body day; only the name differs in a push/pull/legs week.
    slots: LOWER_A,
  },
} as const satisfies Record<string, SessionTemplate>;

export type TemplateName = keyof typeof TEMPLATES;

const SESSIONS: Record<number, readonly TemplateName[]> = {
  1: ["fullA"],
  2: ["fullA", "fullB"],
  3: ["fullA", "fullB", "fullC"],
  4: ["upperA", "lowerA", "upperB", "lowerB"],
  5: ["upperA", "lowerA", "push", "pull", "legs"],
  6: ["push", "pull", "legs", "push", "pull", "legs"],
};

/** Weekdays (1 = Monday) of the hard days: spread out, never seven in a row. */
const HARD_DAYS: Record<number, readonly number[]> = {
  1: [1],
  2: [1, 4],
  3: [1, 3, 5],
  4: [1, 2, 4, 5],
  5: [1, 2, 4, 5, 6],
  6: [1, 2, 3, 4, 5, 6],
};

/** Where active-recovery days go first: between blocks of hard days, then the weekend. */
const RECOVERY_PREFERENCE: readonly number[] = [3, 6, 7, 2, 4, 5, 1];

export type DayRole =
  | { kind: "training"; template: TemplateName }
  | { kind: "recovery" }
  | { kind: "rest" };

/** The role of each weekday, Monday first, for `hard` hard days out of `active` active days. */
export function weekLayout(hard: number, active: number): DayRole[] {
  const hardDays = HARD_DAYS[hard] ?? [];
  const sessions = SESSIONS[hard] ?? [];
  const recovery = RECOVERY_PREFERENCE.filter((day) => !hardDays.includes(day)).slice(
    0,
    active - hard,
  );
  return [1, 2, 3, 4, 5, 6, 7].map((day): DayRole => {
    const index = hardDays.indexOf(day);
    const template = sessions[index];
    if (template !== undefined) return { kind: "training", template };
    return recovery.includes(day) ? { kind: "recovery" } : { kind: "rest" };
  });
}
