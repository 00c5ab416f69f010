/**
 * Renders the coach's replies as Discord messages: the text, a select menu for the options and a
 * row of buttons for the nav actions. Number and free-text questions get an "answer" button that
 * opens a modal, since a modal may only be shown as the first response to a press.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIModalInteractionResponseCallbackData,
  type APIStringSelectComponent,
  ButtonStyle,
  ComponentType,
  TextInputStyle,
} from "discord.js";
import type { ChoiceSet, NavAction, Reply } from "../../src/conversation/types.js";
import { hintFor } from "../../src/messages.js";
import { FIELDS, type FieldKey, type FieldSpec } from "../../src/profile/schema.js";
import { encodeId } from "./ids.js";
import { DISCORD_TEXT } from "./messages.js";

/** Discord's limits for messages, components and modals. */
export const DISCORD_LIMITS = {
  messageChars: 2_000,
  selectOptions: 25,
  actionRows: 5,
  buttonsPerRow: 5,
  labelChars: 100,
  modalTitleChars: 45,
  inputLabelChars: 45,
  placeholderChars: 100,
} as const;

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A message as the router sends it: plain text and its components. */
export interface RenderedMessage {
  readonly content: string;
  readonly components: ActionRow[];
}

const NAV_STYLES: Record<NavAction, ButtonStyle> = {
  back: ButtonStyle.Secondary,
  cancel: ButtonStyle.Danger,
  done: ButtonStyle.Primary,
  skip: ButtonStyle.Secondary,
  confirm: ButtonStyle.Success,
  edit: ButtonStyle.Secondary,
};

/** The profile question a reply asks, recognised by its question text. */
export function fieldOfReply(reply: Reply): FieldSpec<FieldKey> | undefined {
  return FIELDS.find((field) => reply.text.includes(field.question));
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Renders replies as one message: their texts in order, and the components of the last reply
 * that has choices. `owner` is the Discord user whose dialogue this is.
 */
export function renderReplies(replies: readonly Reply[], owner: string): RenderedMessage {
  const content = replies.map((reply) => reply.text).join("\n\n");
  const asking = [...replies].reverse().find((reply) => reply.choices);
  if (!asking?.choices) return { content, components: [] };
  return { content, components: renderChoices(asking.choices, owner, fieldOfReply(asking)) };
}

function renderChoices(
  choices: ChoiceSet,
  owner: string,
  field: FieldSpec<FieldKey> | undefined,
): ActionRow[] {
  const rows: ActionRow[] = [];
  const { ref } = choices;
  const chunks: (typeof choices.options)[] = [];
  for (let at = 0; at < choices.options.length; at += DISCORD_LIMITS.selectOptions) {
    chunks.push(choices.options.slice(at, at + DISCORD_LIMITS.selectOptions));
  }
  // One row stays free for the buttons.
  for (const chunk of chunks.slice(0, DISCORD_LIMITS.actionRows - 1)) {
    const multi = choices.mode === "multi" && chunks.length === 1;
    const customId = encodeId({ op: multi ? "m" : "s", owner, ref, arg: "" });
    if (!customId) continue;
    const select: APIStringSelectComponent = {
      type: ComponentType.StringSelect,
      custom_id: customId,
      placeholder: multi ? DISCORD_TEXT.pickMany : DISCORD_TEXT.pickOne,
      min_values: 1,
      max_values: multi ? chunk.length : 1,
      options: chunk.map((option) => ({
        label: clip(option.label, DISCORD_LIMITS.labelChars),
        value: option.value,
        ...(multi && option.selected ? { default: true } : {}),
      })),
    };
    rows.push({ type: ComponentType.ActionRow, components: [select] });
  }

  const buttons: APIButtonComponent[] = [];
  if (field && (field.kind === "number" || field.kind === "text")) {
    const customId = encodeId({ op: "a", owner, ref, arg: field.key });
    if (customId) {
      buttons.push(button(customId, DISCORD_TEXT.typeAnswer(field), ButtonStyle.Primary));
    }
  }
  for (const action of choices.actions) {
    const customId = encodeId({ op: "c", owner, ref, arg: action.value });
    if (customId) buttons.push(button(customId, action.label, NAV_STYLES[action.value]));
  }
  if (buttons.length > 0) {
    rows.push({
      type: ComponentType.ActionRow,
      components: buttons.slice(0, DISCORD_LIMITS.buttonsPerRow),
    });
  }
  return rows;
}

export function button(customId: string, label: string, style: ButtonStyle): APIButtonComponent {
  return {
    type: ComponentType.Button,
    custom_id: customId,
    label: clip(label, 80),
    style: style as ButtonStyle.Primary,
  };
}

/** The modal that takes a typed answer for one field; undefined when its id would not fit. */
export function answerModal(
  spec: FieldSpec<FieldKey>,
  owner: string,
  ref: string,
): APIModalInteractionResponseCallbackData | undefined {
  const customId = encodeId({ op: "t", owner, ref, arg: spec.key });
  if (!customId) return undefined;
  return {
    custom_id: customId,
    title: clip(spec.title, DISCORD_LIMITS.modalTitleChars),
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: "answer",
            label: clip(spec.question, DISCORD_LIMITS.inputLabelChars),
            style: spec.kind === "text" ? TextInputStyle.Paragraph : TextInputStyle.Short,
            placeholder: clip(hintFor(spec), DISCORD_LIMITS.placeholderChars),
            required: !spec.optional,
            max_length: spec.kind === "text" ? spec.max : 20,
          },
        ],
      },
    ],
  };
}
