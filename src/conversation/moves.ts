/**
 * The conversation's moves: asking a question, taking an answer, going back, showing the summary.
 * {@link step} decides which move an input makes; each move returns the next state and replies.
 */
import { MESSAGES } from "../messages.js";
import {
  FIELDS,
  type FieldKey,
  isFieldRelevant,
  type Profile,
  ProfileSchema,
} from "../profile/schema.js";
import type { ParsedAnswer } from "./answers.js";
import { editMenuReply, idleReply, questionReply, summaryReply } from "./replies.js";
import { type Answers, answersOf, type ConversationState, initialState } from "./state.js";
import type { Reply, StepContext, StepResult } from "./types.js";

/** A plain reply; the state goes on as given. */
export function say(state: ConversationState, text: string): StepResult {
  return { state, replies: [{ text }] };
}

/** Starts the questions from the first field. */
export function begin(prefix: string | undefined, context: StepContext, seq: number): StepResult {
  const first = FIELDS[0].key;
  return ask({ ...initialState(), seq }, first, context, prefix);
}

/** Opens `key` as the current question. */
export function ask(
  state: ConversationState,
  key: FieldKey,
  context: StepContext,
  prefix?: string,
  editing = state.editing,
): StepResult {
  const existing = answersOf(state)[key];
  const next: ConversationState = {
    ...state,
    mode: "asking",
    field: key,
    editing,
    picks: Array.isArray(existing) ? existing.map(String) : [],
    seq: state.seq + 1,
  };
  return { state: next, replies: [questionReply(next, context.group, prefix)] };
}

/** Shows the open step again, after `prefix` (a reason, say). */
export function reask(state: ConversationState, context: StepContext, prefix?: string): StepResult {
  return { state, replies: current(state, context, prefix) };
}

/** The replies that show the open step again. */
export function current(state: ConversationState, context: StepContext, prefix?: string): Reply[] {
  if (state.mode === "asking") return [questionReply(state, context.group, prefix)];
  if (state.mode === "summary") return [summaryReply(state, answersOf(state), context.group)];
  if (state.mode === "choosing_edit") return [editMenuReply(state)];
  return [idleReply(context.profile)];
}

/** The profile summary, waiting for confirm or edit. */
export function showSummary(
  state: ConversationState,
  answers: Answers,
  context: StepContext,
  prefix?: string,
): StepResult {
  const next: ConversationState = {
    ...state,
    mode: "summary",
    answers: { ...answers },
    editing: false,
    picks: [],
    seq: state.seq + 1,
  };
  delete next.field;
  const summary = summaryReply(next, answers, context.group);
  return { state: next, replies: prefix ? [{ text: prefix }, summary] : [summary] };
}

/** One question back; from an edit, back to the summary. */
export function back(state: ConversationState, context: StepContext): StepResult {
  if (state.mode === "choosing_edit" || (state.mode === "asking" && state.editing)) {
    return showSummary(state, answersOf(state), context);
  }
  const previous = state.trail.at(-1);
  if (state.mode === "idle") return say(state, MESSAGES.nothingToCancel);
  if (!previous) return reask(state, context, MESSAGES.firstQuestion);
  return ask({ ...state, trail: state.trail.slice(0, -1) }, previous, context);
}

/** Records a valid answer and moves to the next question or the summary. */
export function accept(
  state: ConversationState,
  key: FieldKey,
  value: unknown,
  context: StepContext,
): StepResult {
  const answers: Record<string, unknown> = { ...state.answers, [key]: value };
  if (key === "injuries" && !isFieldRelevant("injuryNotes", answers as Answers)) {
    answers.injuryNotes = "";
  }
  const next: ConversationState = {
    ...state,
    answers,
    picks: [],
    trail: state.editing ? state.trail : [...state.trail, key],
  };
  const typed = answersOf(next);

  if (state.editing) {
    const needsNotes =
      key === "injuries" &&
      isFieldRelevant("injuryNotes", typed) &&
      typed.injuryNotes === undefined;
    return needsNotes ? ask(next, "injuryNotes", context) : showSummary(next, typed, context);
  }
  const position = FIELDS.findIndex((field) => field.key === key);
  const following = FIELDS.slice(position + 1).find((field) => isFieldRelevant(field.key, typed));
  return following ? ask(next, following.key, context) : showSummary(next, typed, context);
}

/** Takes a parsed answer, or asks again with the reason it was not taken. */
export function applyParsed(
  state: ConversationState,
  key: FieldKey,
  parsed: ParsedAnswer,
  context: StepContext,
): StepResult {
  if (parsed.ok) return accept(state, key, parsed.value, context);
  return reask(state, context, `${MESSAGES.notSure} ${parsed.reason}`);
}

/** The friendly refusal for users under 13; nothing they said is kept. */
export function underAge(state: ConversationState): StepResult {
  return say({ ...initialState(), seq: state.seq + 1 }, MESSAGES.underAge);
}

/** Which answer to change, from the summary. */
export function editMenu(state: ConversationState): StepResult {
  const next: ConversationState = { ...state, mode: "choosing_edit", seq: state.seq + 1 };
  return { state: next, replies: [editMenuReply(next)] };
}

/** Opens the field named by number or title for editing. */
export function pickField(
  state: ConversationState,
  value: string,
  context: StepContext,
): StepResult {
  const lower = value.trim().toLowerCase();
  const field = /^\d+$/.test(lower)
    ? FIELDS[Number(lower) - 1]
    : FIELDS.find((spec) => spec.key.toLowerCase() === lower || spec.title.toLowerCase() === lower);
  if (!field) return reask(state, context, MESSAGES.notSure);
  return ask(state, field.key, context, undefined, true);
}

/** The summary confirmed: the answers, with defaults, become the profile to plan with. */
export function confirm(state: ConversationState): StepResult {
  const profile = ProfileSchema.parse(answersOf(state));
  return confirmed(state, profile);
}

/** Ends the dialogue with a request to plan for `profile`. */
export function confirmed(state: ConversationState, profile: Profile): StepResult {
  return {
    state: { ...initialState(), seq: state.seq + 1 },
    replies: [],
    action: { type: "make_plan", profile },
  };
}
