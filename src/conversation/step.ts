/**
 * The conversation engine: a pure function from (state, input) to (state, replies, action). It asks
 * one question at a time, re-asks with the reason when an answer does not fit, understands back,
 * cancel and restart at every step, and ends with a summary to confirm or edit.
 */
import { MESSAGES } from "../messages.js";
import { FIELDS, fieldSpec, isFieldRelevant, LIMITS } from "../profile/schema.js";
import { acceptValue, parseAnswer, parseNumber } from "./answers.js";
import {
  applyParsed,
  ask,
  back,
  begin,
  confirm,
  confirmed,
  current,
  editMenu,
  pickField,
  reask,
  say,
  showSummary,
  underAge,
} from "./moves.js";
import { idleReply, questionReply, refOf } from "./replies.js";
import { answersOf, type ConversationState, initialState } from "./state.js";
import type { Input, StepContext, StepResult } from "./types.js";

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
