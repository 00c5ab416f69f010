/**
 * What goes into the conversation and what comes out. Adapters turn platform events into an
 * {@link Input} and render each {@link Reply}: text, plus buttons or a select menu when it has a
 * {@link ChoiceSet}.
 */
import type { Profile } from "../profile/schema.js";
import type { ConversationState } from "./state.js";

export type Input =
  | { readonly kind: "text"; readonly value: string }
  /** A pressed button. `ref` is the {@link ChoiceSet.ref} it was rendered with. */
  | { readonly kind: "choice"; readonly value: string; readonly ref: string }
  /**
   * A command without its slash, such as "plan"; `args` is the rest of the line. `fields` carries
   * answers given up front (Discord's slash-command options), so those questions are skipped.
   */
  | {
      readonly kind: "command";
      readonly value: string;
      readonly args?: string;
      readonly fields?: Readonly<Record<string, unknown>>;
    };

/** Navigation buttons shown beside the options. */
export type NavAction = "back" | "cancel" | "done" | "skip" | "confirm" | "edit";

export interface ChoiceOption {
  readonly value: string;
  readonly label: string;
  /** Ticked, on a multi-select question. */
  readonly selected?: boolean;
}

export interface ChoiceSet {
  readonly mode: "single" | "multi";
  /** Identifies the question this set belongs to; a press with another ref is stale. */
  readonly ref: string;
  readonly options: readonly ChoiceOption[];
  readonly actions: readonly { readonly value: NavAction; readonly label: string }[];
  /** A typed answer is also accepted (numbers, free text). */
  readonly acceptsText: boolean;
}

/** The longest reply text: the smallest message any front end takes (Discord's 2,000). */
export const REPLY_MAX_CHARS = 2_000;

export interface Reply {
  /** At most {@link REPLY_MAX_CHARS}; longer texts go out as several replies. */
  readonly text: string;
  readonly choices?: ChoiceSet;
}

export type Action =
  | { readonly type: "make_plan"; readonly profile: Profile }
  | { readonly type: "save_profile"; readonly profile: Profile };

export interface StepContext {
  /** In a group chat, health details are never echoed. */
  readonly group: boolean;
  /** The user's saved profile, if any. */
  readonly profile?: Profile;
}

export interface StepResult {
  readonly state: ConversationState;
  readonly replies: readonly Reply[];
  /** A short answer for a button press that changed nothing (stale or foreign). */
  readonly notice?: string;
  readonly action?: Action;
}
