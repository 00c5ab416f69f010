/**
 * The questions of the /replan dialogue and how typed answers are read: the dialogue's state,
 * and the reply (text and choices) for each step.
 */
import type { ChoiceOption, ChoiceSet, Reply } from "../conversation/types.js";
import type { Feedback } from "../pipeline/types.js";
import type { Plan } from "../plan/schema.js";
import { fieldSpec, INJURIES, type Profile } from "../profile/schema.js";
import { FEATURE_BUTTONS, FEATURE_MESSAGES } from "./messages.js";

/** Where the dialogue stands; "field" is the question for one profile change. */
export type Step = "sessions" | "rating" | "painful" | "profile" | "field";
export type EditField = "daysPerWeek" | "minutes" | "equipment" | "injuries";

/** The dialogue's state, kept as JSON between messages. */
export interface Dialogue {
  readonly seq: number;
  readonly step: Step;
  readonly startedAt: number;
  readonly week: number;
  readonly planned: number;
  readonly exercises: readonly string[];
  readonly sessionsDone?: number;
  readonly rating?: Feedback["rating"];
  readonly painful: readonly string[];
  readonly field?: EditField;
  readonly picks: readonly string[];
  readonly changes: Partial<Pick<Profile, EditField>>;
}

export const PREFIX = "replan:";
export const RATINGS = ["too_easy", "about_right", "too_hard"] as const;
export const RATING_LABELS = {
  too_easy: FEATURE_BUTTONS.tooEasy,
  about_right: FEATURE_BUTTONS.aboutRight,
  too_hard: FEATURE_BUTTONS.tooHard,
} as const;
export const EDITS: readonly { value: EditField | "keep"; label: string }[] = [
  { value: "keep", label: FEATURE_BUTTONS.keep },
  { value: "daysPerWeek", label: FEATURE_BUTTONS.days },
  { value: "minutes", label: FEATURE_BUTTONS.minutes },
  { value: "equipment", label: FEATURE_BUTTONS.equipment },
  { value: "injuries", label: FEATURE_BUTTONS.injury },
];

/** Exercise names of a plan's working days, each once, in order. */
export function exerciseNames(plan: Plan, max: number): string[] {
  const names = plan.days.flatMap((day) => day.exercises.map((exercise) => exercise.name));
  return [...new Set(names)].slice(0, max);
}

/** How many training days a plan has: the sessions the user could have done. */
export function trainingDayCount(plan: Plan): number {
  return plan.days.filter((day) => day.kind === "training").length;
}

/** A choice set for the current step, with Done on multi-selects and Cancel always. */
export function set(
  dialogue: Dialogue,
  mode: ChoiceSet["mode"],
  options: ChoiceOption[],
): ChoiceSet {
  const actions = [
    ...(mode === "multi" ? [{ value: "done" as const, label: FEATURE_BUTTONS.done }] : []),
    { value: "cancel" as const, label: FEATURE_BUTTONS.cancel },
  ];
  return { mode, ref: `${PREFIX}${dialogue.seq}`, options, actions, acceptsText: true };
}

/** The reply that asks the dialogue's current step. */
export function question(dialogue: Dialogue, group: boolean): Reply {
  const tick = (value: string) => (group ? {} : { selected: dialogue.picks.includes(value) });
  switch (dialogue.step) {
    case "sessions": {
      const options = Array.from({ length: dialogue.planned + 1 }, (_, n) => ({
        value: String(n),
        label: String(n),
      }));
      return {
        text: FEATURE_MESSAGES.replanSessions(dialogue.planned),
        choices: set(dialogue, "single", options),
      };
    }
    case "rating":
      return {
        text: FEATURE_MESSAGES.replanRating,
        choices: set(
          dialogue,
          "single",
          RATINGS.map((value) => ({ value, label: RATING_LABELS[value] })),
        ),
      };
    case "painful": {
      const options = [
        ...dialogue.exercises.map((name, index) => ({
          value: `x${index}`,
          label: name,
          ...tick(`x${index}`),
        })),
        { value: "none", label: FEATURE_BUTTONS.none },
      ];
      const text = group ? FEATURE_MESSAGES.replanPainfulGroup : FEATURE_MESSAGES.replanPainful;
      return { text, choices: set(dialogue, "multi", options) };
    }
    case "profile": {
      const first = Object.keys(dialogue.changes).length === 0;
      return {
        text: first ? FEATURE_MESSAGES.replanProfile : FEATURE_MESSAGES.replanProfileMore,
        choices: set(dialogue, "single", [...EDITS]),
      };
    }
    case "field": {
      const spec = fieldSpec(dialogue.field ?? "minutes");
      if (spec.kind === "number") {
        const options = spec.presets.map((n) => ({ value: String(n), label: String(n) }));
        return { text: spec.question, choices: set(dialogue, "single", options) };
      }
      const values =
        dialogue.field === "injuries"
          ? INJURIES.filter((injury) => injury !== "none")
          : (spec.kind === "multi" ? spec.options : []).map((option) => option.value);
      const options = values.map((value) => ({
        value,
        label:
          spec.kind === "multi"
            ? (spec.options.find((o) => o.value === value)?.label ?? value)
            : value,
        ...tick(value),
      }));
      return { text: spec.question, choices: set(dialogue, "multi", options) };
    }
  }
}

/** Reads "2", "1, 3" or names against a list; undefined when something is not understood. */
export function pickIndexes(text: string, names: readonly string[]): number[] | undefined {
  const found: number[] = [];
  for (const part of text
    .split(/[,;]|\band\b/i)
    .map((piece) => piece.trim())
    .filter(Boolean)) {
    const number = Number(part);
    const index = Number.isInteger(number)
      ? number - 1
      : names.findIndex((name) => name.toLowerCase() === part.toLowerCase());
    if (index < 0 || index >= names.length) return undefined;
    found.push(index);
  }
  return found;
}
