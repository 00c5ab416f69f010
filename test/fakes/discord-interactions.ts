/**
 * Interactions as Discord's gateway delivers them, for driving the real discord.js Client without
 * a gateway connection: build the payload, then hand it to the client's own handler.
 */
import { ChannelType, type Client, type InteractionType, SnowflakeUtil } from "discord.js";
import { FAKE_APP_ID } from "./discord-api.js";

export const GUILD_ID = "300000000000000001";
export const CHANNEL_ID = "300000000000000002";
/** Every permission bit a plain member has, without Manage Server (0x20). */
export const MEMBER_PERMISSIONS = "2248473465835073";
export const ADMIN_PERMISSIONS = (BigInt(MEMBER_PERMISSIONS) | 0x20n).toString();

export interface Member {
  readonly id: string;
  readonly name: string;
  readonly permissions?: string;
}

/** discord.js's internal handlers of gateway events; the gateway hands them each packet. */
interface GatewayActions {
  readonly actions: { readonly InteractionCreate: { handle(data: unknown): void } };
}

/** The fields every interaction has, from `member` in the server channel or in a DM. */
export function interactionBase(
  member: Member,
  type: InteractionType,
  where: { readonly dm?: boolean; readonly now?: number } = {},
) {
  const token = `itok-${SnowflakeUtil.generate().toString()}`;
  const user = {
    id: member.id,
    username: member.name,
    discriminator: "0",
    avatar: null,
    global_name: member.name,
  };
  const place = where.dm
    ? {
        channel_id: `9${member.id.slice(1)}`,
        channel: { id: `9${member.id.slice(1)}`, type: ChannelType.DM },
        user,
        context: 1,
      }
    : {
        guild_id: GUILD_ID,
        channel_id: CHANNEL_ID,
        channel: { id: CHANNEL_ID, type: ChannelType.GuildText, guild_id: GUILD_ID, name: "gym" },
        member: {
          user,
          roles: [],
          joined_at: new Date(0).toISOString(),
          deaf: false,
          mute: false,
          flags: 0,
          permissions: member.permissions ?? MEMBER_PERMISSIONS,
        },
        context: 0,
      };
  return {
    id: SnowflakeUtil.generate(where.now === undefined ? {} : { timestamp: where.now }).toString(),
    application_id: FAKE_APP_ID,
    type,
    token,
    version: 1,
    locale: "en-US",
    app_permissions: "0",
    entitlements: [],
    authorizing_integration_owners: {},
    attachment_size_limit: 10_000_000,
    ...place,
  };
}

/** Hands an interaction payload to the client as if the gateway had delivered it. */
export function deliverInteraction(client: Client, payload: unknown): void {
  (client as unknown as GatewayActions).actions.InteractionCreate.handle(payload);
}
