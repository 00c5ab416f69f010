/**
 * Answers an interaction in time. Discord drops an interaction that gets no response within
 * 3 seconds, so work that has not finished by the deadline is deferred first and its result
 * edited in afterwards.
 */
import {
  type AttachmentPayload,
  type MessageComponentInteraction,
  MessageFlags,
  type ModalMessageModalSubmitInteraction,
  type RepliableInteraction,
} from "discord.js";
import type { RenderedMessage } from "./render.js";

export const RESPOND_DEFAULTS = {
  deferAfterMs: 2_000, // Discord allows 3 s; the rest is margin for the network
} as const;

/** What an interaction is answered with. */
export type Outcome =
  /** The dialogue message: a new ephemeral reply, or the pressed message updated in place. */
  | {
      readonly kind: "message";
      readonly message: RenderedMessage;
      /** Text past the 2000-character limit, sent as ephemeral follow-ups. */
      readonly more?: readonly string[];
      readonly files?: readonly AttachmentPayload[];
    }
  /** A short ephemeral answer that leaves the dialogue message as it is. */
  | { readonly kind: "notice"; readonly text: string }
  /** Messages everyone in the channel sees, such as a shared plan. */
  | { readonly kind: "public"; readonly pieces: readonly string[] };

/** `reply` answers with a new message; `update` changes the message whose component was used. */
export type RespondStyle = "reply" | "update";

type Answerable = RepliableInteraction & Partial<Pick<MessageComponentInteraction, "update">>;

const NO_MENTIONS = { parse: [] } as const;
const EPHEMERAL = MessageFlags.Ephemeral;

/**
 * Answers `interaction` with the outcome of `work`, deferring first when it takes longer than
 * `deferAfterMs`. A deadline of zero or less always defers.
 */
export async function respond(
  interaction: Answerable,
  style: RespondStyle,
  work: Promise<Outcome>,
  deferAfterMs: number = RESPOND_DEFAULTS.deferAfterMs,
): Promise<void> {
  const timedOut = Symbol("deadline");
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof timedOut>((resolve) => {
    timer = setTimeout(() => resolve(timedOut), Math.max(0, deferAfterMs));
  });
  const first = deferAfterMs <= 0 ? timedOut : await Promise.race([work, deadline]);
  clearTimeout(timer);

  if (first !== timedOut) {
    await answerNow(interaction, style, first);
    return;
  }
  if (style === "update" && interaction.isMessageComponent()) await interaction.deferUpdate();
  else if (style === "update" && interaction.isModalSubmit() && interaction.isFromMessage()) {
    await interaction.deferUpdate();
  } else await interaction.deferReply({ flags: EPHEMERAL });
  await answerDeferred(interaction, style, await work);
}

function asUpdatable(
  interaction: Answerable,
): MessageComponentInteraction | ModalMessageModalSubmitInteraction | undefined {
  if (interaction.isMessageComponent()) return interaction;
  if (interaction.isModalSubmit() && interaction.isFromMessage()) return interaction;
  return undefined;
}

async function answerNow(interaction: Answerable, style: RespondStyle, outcome: Outcome) {
  if (outcome.kind === "notice") {
    await interaction.reply({ content: outcome.text, flags: EPHEMERAL });
    return;
  }
  if (outcome.kind === "public") {
    const [first = "", ...rest] = outcome.pieces;
    await interaction.reply({ content: first, allowedMentions: NO_MENTIONS });
    for (const piece of rest)
      await interaction.followUp({ content: piece, allowedMentions: NO_MENTIONS });
    return;
  }
  const payload = {
    ...outcome.message,
    allowedMentions: NO_MENTIONS,
    ...(outcome.files ? { files: [...outcome.files] } : {}),
  };
  const updatable = style === "update" ? asUpdatable(interaction) : undefined;
  if (updatable) await updatable.update(payload);
  else await interaction.reply({ ...payload, flags: EPHEMERAL });
  await sendMore(interaction, outcome.more);
}

async function answerDeferred(interaction: Answerable, style: RespondStyle, outcome: Outcome) {
  if (outcome.kind === "notice") {
    if (style === "update") await interaction.followUp({ content: outcome.text, flags: EPHEMERAL });
    else await interaction.editReply({ content: outcome.text });
    return;
  }
  if (outcome.kind === "public") {
    for (const piece of outcome.pieces) {
      await interaction.followUp({ content: piece, allowedMentions: NO_MENTIONS });
    }
    return;
  }
  await interaction.editReply({
    ...outcome.message,
    allowedMentions: NO_MENTIONS,
    ...(outcome.files ? { files: [...outcome.files] } : {}),
  });
  await sendMore(interaction, outcome.more);
}

async function sendMore(interaction: Answerable, more: readonly string[] | undefined) {
  for (const piece of more ?? []) {
    await interaction.followUp({ content: piece, flags: EPHEMERAL, allowedMentions: NO_MENTIONS });
  }
}
