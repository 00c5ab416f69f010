/**
 * The live-message surface for one interaction: the plan streams into the interaction's reply
 * and its ephemeral follow-ups. An interaction token lives 15 minutes; a stream that would
 * outlive it moves to a direct message, which needs no token.
 */
import {
  DiscordAPIError,
  HTTPError,
  MessageFlags,
  RateLimitError,
  RESTJSONErrorCodes,
  type RepliableInteraction,
  Routes,
} from "discord.js";
import type { MessageSurface, SurfaceFailure } from "../../src/live-message/index.js";
import type { Clock } from "../../src/ports.js";
import { DISCORD_TEXT } from "./messages.js";
import type { ActionRow } from "./render.js";

export const DISCORD_SURFACE_DEFAULTS = {
  maxChars: 2_000,
  minEditIntervalMs: 1_200, // 1.2 s between edits of one message
  tokenLifetimeMs: 900_000, // 15 min, fixed by Discord
  tokenMarginMs: 60_000, // 1 min: stop using the token before it runs out
} as const;

export type DiscordSurfaceOptions = {
  -readonly [K in keyof typeof DISCORD_SURFACE_DEFAULTS]: number;
};

/** The token ran out while the stream still needed it. */
export class InteractionExpiredError extends Error {
  constructor() {
    super("the interaction token has expired");
    this.name = "InteractionExpiredError";
  }
}

export interface DiscordSurfaceDeps {
  /** An interaction that has already been answered or deferred. */
  readonly interaction: RepliableInteraction;
  readonly clock: Clock;
  /** Components for the last message of the finished text, such as the share button. */
  readonly closing: () => ActionRow[];
  readonly options?: Partial<DiscordSurfaceOptions>;
}

/** Message ids: `t:<id>` through the interaction token (`t:@original` is the reply itself), or
 * `c:<channel>:<id>` in a direct message. */
export type SurfaceId = `t:${string}` | `c:${string}:${string}`;

const NO_MENTIONS = { parse: [] } as const;
const NOT_FOUND_CODES = new Set<number | string>([
  RESTJSONErrorCodes.UnknownMessage,
  RESTJSONErrorCodes.UnknownWebhook,
  RESTJSONErrorCodes.UnknownInteraction,
  RESTJSONErrorCodes.InvalidWebhookToken,
]);
const NETWORK_REFUSED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

export function createDiscordSurface(deps: DiscordSurfaceDeps): MessageSurface<SurfaceId> {
  const options = { ...DISCORD_SURFACE_DEFAULTS, ...deps.options };
  const { interaction, clock } = deps;
  const rest = interaction.client.rest;
  let originalUsed = false;
  let dmChannel: string | undefined;
  let movedNoticeSent = false;

  const tokenUsable = () =>
    clock() < interaction.createdTimestamp + options.tokenLifetimeMs - options.tokenMarginMs;

  const body = (text: string, closing: boolean) => ({
    content: text,
    components: closing ? deps.closing() : [],
    allowedMentions: NO_MENTIONS,
  });

  /** In a DM the interaction's own channel takes messages; in a server a DM is opened. */
  async function directChannel(): Promise<string> {
    if (dmChannel) return dmChannel;
    if (!interaction.inGuild() && interaction.channelId) {
      dmChannel = interaction.channelId;
    } else {
      const channel = (await rest.post(Routes.userChannels(), {
        body: { recipient_id: interaction.user.id },
      })) as { id: string };
      dmChannel = channel.id;
    }
    return dmChannel;
  }

  async function sendDirect(text: string, closing: boolean): Promise<SurfaceId> {
    const channel = await directChannel();
    if (!movedNoticeSent) {
      await rest.post(Routes.channelMessages(channel), {
        body: { content: DISCORD_TEXT.movedToDm, allowed_mentions: NO_MENTIONS },
      });
      movedNoticeSent = true;
    }
    const message = (await rest.post(Routes.channelMessages(channel), {
      body: {
        content: text,
        components: closing ? deps.closing() : [],
        allowed_mentions: NO_MENTIONS,
      },
    })) as { id: string };
    return `c:${channel}:${message.id}`;
  }

  return {
    limits: { maxChars: options.maxChars, minEditIntervalMs: options.minEditIntervalMs },

    async send(text, delivery) {
      if (!tokenUsable()) return sendDirect(text, false);
      if (!originalUsed) {
        await interaction.editReply(body(text, delivery.closing));
        originalUsed = true;
        return "t:@original";
      }
      const message = await interaction.followUp({
        ...body(text, delivery.closing),
        flags: MessageFlags.Ephemeral,
      });
      return `t:${message.id}`;
    },

    async edit(id, text, delivery) {
      if (id.startsWith("c:")) {
        const [, channel = "", message = ""] = id.split(":");
        await rest.patch(Routes.channelMessage(channel, message), {
          body: { content: text, components: [], allowed_mentions: NO_MENTIONS },
        });
        return;
      }
      if (!tokenUsable()) throw new InteractionExpiredError();
      const message = id.slice(2);
      await interaction.editReply({
        ...body(text, delivery.closing),
        ...(message === "@original" ? {} : { message }),
      });
    },

    classify: classifyDiscordError,
  };
}

/** Reads an error from discord.js as a live-message failure. */
export function classifyDiscordError(error: unknown): SurfaceFailure {
  if (error instanceof InteractionExpiredError) return { kind: "not_found" };
  if (error instanceof RateLimitError) return { kind: "flood", retryAfterMs: error.retryAfter };
  if (error instanceof DiscordAPIError) {
    if (NOT_FOUND_CODES.has(error.code) || error.status === 404) return { kind: "not_found" };
    if (error.status === 429) return { kind: "flood", retryAfterMs: 1_000 };
    if (error.status >= 500) return { kind: "unknown" };
    return { kind: "rejected", reason: `discord refused: ${error.code}` };
  }
  if (error instanceof HTTPError)
    return error.status >= 500 ? { kind: "unknown" } : { kind: "not_delivered" };
  if (error instanceof Error) {
    const code =
      (error.cause as { code?: string } | undefined)?.code ?? (error as { code?: string }).code;
    if (code && NETWORK_REFUSED.has(code)) return { kind: "not_delivered" };
  }
  return { kind: "unknown" };
}
