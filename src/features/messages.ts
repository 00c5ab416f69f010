/**
 * Every user-facing sentence of the re-plan, history, weekly reminder and export features, in one
 * place, in the same voice as the core's messages.
 */
import { humanDate } from "./format.js";

export const FEATURE_MESSAGES = {
  // re-plan
  replanNoPlan: "You don't have a plan yet. Send /plan to make your first one.",
  replanSessions: (planned: number) =>
    `Let's plan next week. How many of your ${planned} planned sessions did you do?`,
  replanSessionsHint: (planned: number) => `Please give a number from 0 to ${planned}.`,
  replanRating: "Overall, how did the week feel?",
  replanPainful: "Did any exercise hurt, or could you not do it? Pick all that apply, then Done.",
  replanPainfulGroup:
    "Did any exercise hurt, or could you not do it? Pick all that apply, then Done. (Prefer privacy? Message me directly.)",
  replanProfile: "Anything to change before I write next week's plan?",
  replanProfileMore: "Anything else to change?",
  replanNumber: (min: number, max: number, unit: string) =>
    `Please give a number from ${min} to ${max} ${unit}.`,
  replanPickOne: "Please pick at least one option, then press Done.",
  replanStale: "That button belongs to an earlier question. Please use the latest one.",
  replanCancelled: "Stopped. Send /replan when you're ready.",
  replanNotSure: "Sorry, I didn't get that. Please use the buttons, or type your answer.",
  replanWriting: (week: number) => `Writing week ${week}...`,

  // history
  historyEmpty: "No weeks yet. Send /plan to make your first plan.",
  historyTitle: "Your recent weeks. Pick one to see it again:",
  historyLine: (week: number, createdAt: number, detail: string) =>
    `Week ${week}, ${humanDate(createdAt)}${detail ? `: ${detail}` : ""}`,
  historyMissing: (week: number) => `I have no week ${week}. Send /history to see your weeks.`,
  historyHeading: (week: number, createdAt: number) => `Week ${week}, made ${humanDate(createdAt)}`,

  // weekly reminders
  weeklyUsage: [
    "Weekly reminders to re-plan:",
    "/weekly on [day] [time] - for example /weekly on sunday 18:00",
    "/weekly off - stop them",
    "/weekly zone <zone> - your time zone, such as Europe/Berlin or UTC+2",
  ].join("\n"),
  weeklyStatusOn: (when: string) => `Your weekly reminder is on: ${when}.`,
  weeklyStatusOff: "Your weekly reminder is off.",
  weeklyOn: (when: string) =>
    `Done. Every week, ${when}, I'll message you privately to plan the next week. Send /weekly off to stop.`,
  weeklyOff: "Weekly reminders are off.",
  weeklyAlreadyOff: "Weekly reminders were already off.",
  weeklyBadWhen: (word: string) =>
    `Sorry, I couldn't read "${word}". Try a day and a time, such as /weekly on sunday 18:00.`,
  weeklyAskZone:
    "Which time zone are you in? Type a name such as Europe/Berlin or an offset such as UTC+2, or pick UTC.",
  weeklyBadZone:
    "I don't know that time zone. Try a name such as Europe/Berlin or America/New_York, or an offset such as UTC+2.",
  weeklyZoneSaved: (zone: string) => `Time zone set to ${zone}.`,
  weeklyUnsupported:
    "Weekly reminders work on Telegram and Discord, where I can message you. Here, send /replan when your week is done.",
  weeklyPrompt:
    "It's re-plan day! How did your week go? Send /replan and I'll write next week's plan from your answers.",
  weeklyGuildPost:
    "Weekly check-in: how did your training go? Send /replan and I'll write your next week's plan.",

  // export
  exportWhich: "How would you like your week?",
  exportDone: (name: string) => `Here is your plan: ${name}`,
} as const;

export const FEATURE_BUTTONS = {
  tooEasy: "Too easy",
  aboutRight: "About right",
  tooHard: "Too hard",
  none: "None",
  keep: "Keep everything",
  days: "Days per week",
  minutes: "Session length",
  equipment: "Equipment",
  injury: "A new injury",
  done: "Done",
  cancel: "Cancel",
  utc: "UTC",
  ics: "Calendar (.ics)",
  markdown: "Markdown (.md)",
  week: (week: number) => `Week ${week}`,
} as const;
