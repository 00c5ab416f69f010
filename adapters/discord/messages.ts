/**
 * The sentences only Discord needs: select placeholders, refusals, admin answers and the words
 * around a shared plan. Everything else users read comes from the core's messages.
 */
import type { FieldKey, FieldSpec } from "../../src/profile/schema.js";

export const DISCORD_TEXT = {
  pickOne: "Choose one",
  pickMany: "Choose all that apply",
  typeAnswer: (spec: FieldSpec<FieldKey>) =>
    spec.kind === "number" ? "Type a number" : "Type an answer",
  foreign: "These buttons belong to someone else's questions. Send /plan to start your own.",
  oldButton: "That button no longer works. Send /plan to carry on.",
  failed: "Sorry, something went wrong on my side. Please try again in a moment.",
  share: "Share to channel",
  shareNotInGuild: "Sharing works in a server channel.",
  shared: "Shared to the channel.",
  alreadyShared: "This plan is already shared here.",
  planGone: "I can't find that plan any more. Send /plan to make a new one.",
  sharedBy: (userId: string) => `<@${userId}> shared their weekly plan:`,
  movedToDm:
    "This took longer than Discord lets me edit a reply, so the plan continues in a direct message.",
  adminOnly: "Only members with the Manage Server permission can change fitplan's settings.",
  adminGuildOnly: "This command works in a server.",
  remindersSet: (channelId: string) => `Weekly reminders will be posted in <#${channelId}>.`,
  remindersCleared: "Weekly reminders are off for this server.",
  remindersNotSet: "No reminder channel was set, so there was nothing to clear.",
} as const;
