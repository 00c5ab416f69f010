/**
 * The conversation's state: plain JSON, stored through the Store between messages so that a
 * restart, or another instance, can continue any dialogue. Whatever comes back from storage is
 * parsed again; a state that does not parse starts a fresh dialogue instead of failing.
 */
import { z } from "zod";
import { FIELD_SCHEMAS, FIELDS, type FieldKey, type Profile } from "../profile/schema.js";

const FIELD_KEYS = FIELDS.map((field) => field.key) as [FieldKey, ...FieldKey[]];

export const ConversationStateSchema = z.object({
  v: z.literal(1),
  /** idle: no dialogue; asking: a question is open; summary: waiting for confirm or edit. */
  mode: z.enum(["idle", "asking", "summary", "choosing_edit"]),
  field: z.enum(FIELD_KEYS).optional(),
  /** Validated answers so far, by field. */
  answers: z.record(z.string(), z.unknown()),
  /** Fields answered in order, for "back". */
  trail: z.array(z.enum(FIELD_KEYS)),
  /** Options ticked so far on an open multi-select question. */
  picks: z.array(z.string()),
  /** When set, answering returns to the summary instead of the next question. */
  editing: z.boolean(),
  /** Counts the questions asked; buttons carry it so stale ones are recognised. */
  seq: z.number().int().nonnegative(),
});

export type ConversationState = z.infer<typeof ConversationStateSchema>;
export type Answers = Partial<Profile>;

export function initialState(): ConversationState {
  return { v: 1, mode: "idle", answers: {}, trail: [], picks: [], editing: false, seq: 0 };
}

/** Parses stored state; unknown or corrupt data yields a fresh state. */
export function loadState(raw: unknown): ConversationState {
  const parsed = ConversationStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : initialState();
}

/** The answers as typed values; any answer that no longer validates is dropped. */
export function answersOf(state: ConversationState): Answers {
  const answers: Record<string, unknown> = {};
  for (const key of FIELD_KEYS) {
    if (!(key in state.answers)) continue;
    const parsed = FIELD_SCHEMAS[key].safeParse(state.answers[key]);
    if (parsed.success) answers[key] = parsed.data;
  }
  return answers as Answers;
}

export { FIELD_KEYS };
