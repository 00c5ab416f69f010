/**
 * The conversation engine: a pure function from (state, input) to (state, replies, action). It asks
 * one question at a time, re-asks with the reason when an answer does not fit, understands back,
 * cancel and restart at every step, and ends with a summary to confirm or edit.
 */
import { MESSAGES } from "../messages.js";
import {
  FIELDS,
  type FieldKey,
  fieldSpec,
  isFieldRelevant,
  LIMITS,
  type Profile,
  ProfileSchema,
} from "../profile/schema.js";
import { acceptValue, type ParsedAnswer, parseAnswer, parseNumber } from "./answers.js";
import { editMenuReply, idleReply, questionReply, refOf, summaryReply } from "./replies.js";
import { type Answers, answersOf, type ConversationState, initialState } from "./state.js";
import type { Input, Reply, StepContext, StepResult } from "./types.js";

const WORD_COMMANDS: Record<string, string> = {
  back: "back",
  cancel: "cancel",
  stop: "cancel",
  restart: "restart",
  "start over": "restart",
  help: "help",
};
const YES = /^(y|yes|yep|yeah|ok|okay|sure|confirm|go|do it|make (it|my plan)|looks good)\b/i;
const EDIT = /^(edit|change|no|nope|fix)\b/i;

export function step(state: ConversationState, input: Input, context: StepContext): StepResult {
  if (input.kind === "command" && input.fields && Object.keys(input.fields).length > 0) {
    return prefilled(state, input.fields, context);
  }
  if (input.kind === "command") return command(state, input.value, context);
  if (input.kind === "text") {
    const word = WORD_COMMANDS[input.value.trim().toLowerCase()];
    if (word && state.mode !== "idle") return command(state, word, context);
    return text(state, input.value, context);
  }
  if (input.ref === "idle") return idleChoice(state, input.value, context);
  if (input.ref !== refOf(state)) return { state, replies: [], notice: MESSAGES.staleButton };
  return choice(state, input.value, context);
}

function command(state: ConversationState, name: string, context: StepContext): StepResult {
  switch (name) {
    case "start":
    case "plan":
    case "profile":
      if (state.mode !== "idle" && name === "plan") return reask(state, context);
      if (context.profile)
        return showSummary(state, context.profile, context, MESSAGES.welcomeBack);
      return begin(name === "start" ? MESSAGES.welcome : undefined, context, state.seq);
    case "restart":
      return begin(MESSAGES.restarted, context, state.seq);
    case "cancel":
      if (state.mode === "idle") return say(state, MESSAGES.nothingToCancel);
      return say({ ...initialState(), seq: state.seq + 1 }, MESSAGES.cancelled);
    case "back":
      return back(state, context);
    case "help":
      return state.mode === "idle"
        ? say(state, MESSAGES.help)
        : { state, replies: [{ text: MESSAGES.help }, ...current(state, context)] };
    default:
      return say(state, MESSAGES.unknownCommand);
  }
}

/**
 * Starts from answers given up front, on top of the saved profile: only the questions still
 * unanswered are asked. Answers that do not validate are asked again, with the reason.
 */
function prefilled(
  state: ConversationState,
  fields: Readonly<Record<string, unknown>>,
  context: StepContext,
): StepResult {
  const age = fields.age;
  if (typeof age === "number" && age >= 0 && age < LIMITS.minAge) return underAge(state);

  const answers: Record<string, unknown> = { ...(context.profile ?? {}) };
  const problems: string[] = [];
  for (const field of FIELDS) {
    if (!(field.key in fields)) continue;
    const given = fields[field.key];
    // Text forms ("dumbbells, bench", "45 min") are read like typed answers.
    const parsed =
      typeof given === "string" && field.kind !== "text"
        ? parseAnswer(field, given)
        : acceptValue(field.key, given);
    if (parsed.ok) answers[field.key] = parsed.value;
    else problems.push(`${field.title}: ${parsed.reason}`);
  }

  const start: ConversationState = { ...initialState(), answers, seq: state.seq };
  const typed = answersOf(start);
  const missing = FIELDS.find(
    (field) =>
      !field.optional && isFieldRelevant(field.key, typed) && typed[field.key] === undefined,
  );
  const prefix = problems.length > 0 ? `${MESSAGES.notSure}\n${problems.join("\n")}` : undefined;
  if (missing) return ask(start, missing.key, context, prefix);
  return showSummary(start, typed, context, prefix);
}

function say(state: ConversationState, text: string): StepResult {
  return { state, replies: [{ text }] };
}

/** Starts the questions from the first field. */
function begin(prefix: string | undefined, context: StepContext, seq: number): StepResult {
  const first = FIELDS[0].key;
  return ask({ ...initialState(), seq }, first, context, prefix);
}

/** Opens `key` as the current question. */
function ask(
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

function reask(state: ConversationState, context: StepContext, prefix?: string): StepResult {
  return { state, replies: current(state, context, prefix) };
}

/** The replies that show the open step again. */
function current(state: ConversationState, context: StepContext, prefix?: string): Reply[] {
  if (state.mode === "asking") return [questionReply(state, context.group, prefix)];
  if (state.mode === "summary") return [summaryReply(state, answersOf(state), context.group)];
  if (state.mode === "choosing_edit") return [editMenuReply(state)];
  return [idleReply(context.profile)];
}

function showSummary(
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

function back(state: ConversationState, context: StepContext): StepResult {
  if (state.mode === "choosing_edit" || (state.mode === "asking" && state.editing)) {
    return showSummary(state, answersOf(state), context);
  }
  const previous = state.trail.at(-1);
  if (state.mode === "idle") return say(state, MESSAGES.nothingToCancel);
  if (!previous) return reask(state, context, MESSAGES.firstQuestion);
  return ask({ ...state, trail: state.trail.slice(0, -1) }, previous, context);
}

/** Records a valid answer and moves to the next question or the summary. */
function accept(
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

function applyParsed(
  state: ConversationState,
  key: FieldKey,
  parsed: ParsedAnswer,
  context: StepContext,
): StepResult {
  if (parsed.ok) return accept(state, key, parsed.value, context);
  return reask(state, context, `${MESSAGES.notSure} ${parsed.reason}`);
}

function text(state: ConversationState, value: string, context: StepContext): StepResult {
  switch (state.mode) {
    case "idle":
      return context.profile
        ? { state, replies: [idleReply(context.profile)] }
        : begin(MESSAGES.welcome, context, state.seq);
    case "summary":
      if (YES.test(value.trim())) return confirm(state);
      if (EDIT.test(value.trim())) return editMenu(state);
      return reask(state, context, MESSAGES.notSure);
    case "choosing_edit":
      return pickField(state, value, context);
    case "asking": {
      const key = state.field;
      if (!key) return begin(undefined, context, state.seq);
      if (key === "age") {
        const age = parseNumber(value);
        if (age !== undefined && age >= 0 && age < LIMITS.minAge) return underAge(state);
      }
      return applyParsed(state, key, parseAnswer(fieldSpec(key), value), context);
    }
  }
}

function underAge(state: ConversationState): StepResult {
  return say({ ...initialState(), seq: state.seq + 1 }, MESSAGES.underAge);
}

function editMenu(state: ConversationState): StepResult {
  const next: ConversationState = { ...state, mode: "choosing_edit", seq: state.seq + 1 };
  return { state: next, replies: [editMenuReply(next)] };
}

function pickField(state: ConversationState, value: string, context: StepContext): StepResult {
  const lower = value.trim().toLowerCase();
  const field = /^\d+$/.test(lower)
    ? FIELDS[Number(lower) - 1]
    : FIELDS.find((spec) => spec.key.toLowerCase() === lower || spec.title.toLowerCase() === lower);
  if (!field) return reask(state, context, MESSAGES.notSure);
  return ask(state, field.key, context, undefined, true);
}

function confirm(state: ConversationState): StepResult {
  const profile = ProfileSchema.parse(answersOf(state));
  return confirmed(state, profile);
}

function confirmed(state: ConversationState, profile: Profile): StepResult {
  return {
    state: { ...initialState(), seq: state.seq + 1 },
    replies: [],
    action: { type: "make_plan", profile },
  };
}

function idleChoice(state: ConversationState, value: string, context: StepContext): StepResult {
  if (state.mode !== "idle" || !context.profile) {
    return { state, replies: [], notice: MESSAGES.staleButton };
  }
  if (value === "confirm") return confirmed(state, context.profile);
  if (value === "edit") return editMenu({ ...state, answers: { ...context.profile } });
  return { state, replies: [], notice: MESSAGES.staleButton };
}

function choice(state: ConversationState, value: string, context: StepContext): StepResult {
  if (value === "cancel") return command(state, "cancel", context);
  if (value === "back") return command(state, "back", context);

  if (state.mode === "summary") {
    if (value === "confirm") return confirm(state);
    if (value === "edit") return editMenu(state);
  }
  if (state.mode === "choosing_edit") return pickField(state, value, context);
  if (state.mode !== "asking" || !state.field) {
    return { state, replies: [], notice: MESSAGES.staleButton };
  }

  const key = state.field;
  const spec = fieldSpec(key);
  if (value === "skip" && spec.optional) {
    return applyParsed(
      state,
      key,
      acceptValue(key, spec.kind === "text" ? "" : undefined),
      context,
    );
  }
  if (spec.kind !== "multi") {
    const raw = spec.kind === "number" ? Number(value) : value;
    return applyParsed(state, key, acceptValue(key, raw), context);
  }
  if (value === "done") {
    if (state.picks.length === 0) return reask(state, context, MESSAGES.pickAtLeastOne);
    return applyParsed(state, key, acceptValue(key, state.picks), context);
  }
  if (!spec.options.some((option) => option.value === value)) {
    return { state, replies: [], notice: MESSAGES.staleButton };
  }
  return toggle(state, value, context);
}

/** Ticks or unticks an option. "none" excludes every other injury, and the other way round. */
function toggle(state: ConversationState, value: string, context: StepContext): StepResult {
  const ticked = state.picks.includes(value);
  let picks = ticked ? state.picks.filter((pick) => pick !== value) : [...state.picks, value];
  if (state.field === "injuries" && !ticked) {
    picks = value === "none" ? ["none"] : picks.filter((pick) => pick !== "none");
  }
  const next: ConversationState = { ...state, picks };
  return { state: next, replies: [questionReply(next, context.group)] };
}
