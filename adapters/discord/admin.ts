/**
 * /fitplan-admin: server settings, for members with Manage Server. Discord hides the command from
 * everyone else by default, but a server can change who sees it, so the permission is checked
 * here as well.
 */

import { type ChatInputCommandInteraction, PermissionFlagsBits } from "discord.js";
import type { Clock } from "../../src/ports.js";
import {
  guildSubscriber,
  scheduleGuildReminders,
  unsubscribe,
} from "../../src/schedule/subscriptions.js";
import type { Store } from "../../src/store/types.js";
import { ADMIN_CLEAR, ADMIN_SET } from "./commands.js";
import { DISCORD_TEXT } from "./messages.js";
import type { Outcome } from "./respond.js";

/** What is stored under {@link reminderKey}. */
export interface ReminderSetting {
  readonly channelId: string;
  /** The Discord user id of the admin who chose it. */
  readonly setBy: string;
  readonly setAt: number;
}

/** The store key of a server's weekly-reminder channel. */
export function reminderKey(guildId: string): string {
  return `guild:${guildId}:reminders`;
}

export interface AdminDeps {
  readonly store: Store;
  readonly clock: Clock;
}

/** Applies an admin command and says what changed. */
export async function runAdminCommand(
  interaction: ChatInputCommandInteraction,
  deps: AdminDeps,
): Promise<Outcome> {
  const notice = (text: string): Outcome => ({ kind: "notice", text });
  if (!interaction.inGuild()) return notice(DISCORD_TEXT.adminGuildOnly);
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    return notice(DISCORD_TEXT.adminOnly);
  }

  const key = reminderKey(interaction.guildId);
  const sub = interaction.options.getSubcommand(false);
  if (sub === ADMIN_SET) {
    const channel = interaction.options.getChannel("channel", true);
    const setting: ReminderSetting = {
      channelId: channel.id,
      setBy: interaction.user.id,
      setAt: deps.clock(),
    };
    await deps.store.setJson(key, setting);
    await scheduleGuildReminders(deps.store, deps.clock, interaction.guildId);
    return notice(DISCORD_TEXT.remindersSet(channel.id));
  }
  if (sub === ADMIN_CLEAR) {
    const existing = await deps.store.getJson(key);
    if (existing === undefined || existing === null) return notice(DISCORD_TEXT.remindersNotSet);
    await deps.store.deleteJson(key);
    await unsubscribe(deps.store, guildSubscriber(interaction.guildId));
    return notice(DISCORD_TEXT.remindersCleared);
  }
  return notice(DISCORD_TEXT.failed);
}
