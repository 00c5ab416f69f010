/**
 * Builds the conversation's replies: a question with its options, and the profile summary.
 */

import { splitText } from "../live-message/split.js";
import { BUTTONS, MESSAGES } from "../messages.js";
import { FIELDS, type FieldKey, fieldSpec, labelOf, type Profile } from "../profile/schema.js";
import type { Answers, ConversationState } from "./state.js";
import { type ChoiceSet, type NavAction, REPLY_MAX_CHARS, type Reply } from "./types.js";

/** A long text as replies that each fit every front end, split between paragraphs. */
export function textReplies(text: string): Reply[] {
  return splitText(text, REPLY_MAX_CHARS).map((piece) => ({ text: piece }));
}

export function refOf(state: ConversationState): string {
  return String(state.seq);
}

function nav(actions: NavAction[]): ChoiceSet["actions"] {
  return actions.map((value) => ({ value, label: BUTTONS[value] }));
}

/** The open question of `state`, with its options. `prefix` goes before it (an error, say). */
export function questionReply(state: ConversationState, group: boolean, prefix?: string): Reply {
  const key = state.field;
  if (!key) throw new Error("questionReply needs an open question");
  const spec = fieldSpec(key);
  const position = FIELDS.findIndex((field) => field.key === key) + 1;
  const lines = [prefix, `(${position}/${FIELDS.length}) ${spec.question}`];
  if (group && spec.sensitive) lines.push(MESSAGES.groupPrivacyHint);
  const text = lines.filter(Boolean).join("\n");

  const actions: NavAction[] = state.trail.length > 0 && !state.editing ? ["back"] : [];
  if (spec.kind === "multi") actions.push("done");
  if (spec.optional) actions.push("skip");
  actions.push("cancel");

  const options =
    spec.kind === "single" || spec.kind === "multi"
      ? spec.options.map((option) => ({
          value: option.value,
          label: option.label,
          ...(spec.kind === "multi" && !(group && spec.sensitive)
            ? { selected: state.picks.includes(option.value) }
            : {}),
        }))
      : spec.kind === "number"
        ? spec.presets.map((preset) => ({ value: String(preset), label: String(preset) }))
        : [];

  return {
    text,
    choices: {
      mode: spec.kind === "multi" ? "multi" : "single",
      ref: refOf(state),
      options,
      actions: nav(actions),
      acceptsText: true,
    },
  };
}

function valueText(key: FieldKey, answers: Answers): string {
  const value = answers[key];
  if (value === undefined || value === "") return "-";
  if (Array.isArray(value)) return value.map((item) => labelOf(key, String(item))).join(", ");
  if (key === "minutes") return `${value} min`;
  if (key === "daysPerWeek") return value === 1 ? "1 day a week" : `${value} days a week`;
  return labelOf(key, String(value));
}

/** The profile as a short list, health details hidden in groups. */
export function profileLines(answers: Answers, group: boolean): string[] {
  return FIELDS.filter((field) => field.key !== "injuryNotes" || answers.injuryNotes).map(
    (field) => {
      const shown =
        group && field.sensitive ? MESSAGES.hiddenInGroup : valueText(field.key, answers);
      return `• ${field.title}: ${shown}`;
    },
  );
}

export function summaryReply(state: ConversationState, answers: Answers, group: boolean): Reply {
  return {
    text: [MESSAGES.summaryTitle, ...profileLines(answers, group), "", MESSAGES.summaryPrompt].join(
      "\n",
    ),
    choices: {
      mode: "single",
      ref: refOf(state),
      options: [],
      actions: nav(["confirm", "edit", "cancel"]),
      acceptsText: true,
    },
  };
}

export function editMenuReply(state: ConversationState): Reply {
  return {
    text: MESSAGES.editWhich,
    choices: {
      mode: "single",
      ref: refOf(state),
      options: FIELDS.map((field) => ({ value: field.key, label: field.title })),
      actions: nav(["back", "cancel"]),
      acceptsText: true,
    },
  };
}

export function idleReply(profile: Profile | undefined): Reply {
  if (!profile) return { text: MESSAGES.idleWithoutProfile };
  return {
    text: MESSAGES.idleWithProfile,
    choices: {
      mode: "single",
      ref: "idle",
      options: [],
      actions: nav(["confirm", "edit"]),
      acceptsText: true,
    },
  };
}
