/**
 * Every user-facing sentence of the core, in one place, so the voice stays consistent and a
 * translation would touch one file. Adapters add only platform words (button hints, errors).
 */
import type { FieldSpec } from "./profile/schema.js";

export const MESSAGES = {
  welcome:
    "Hi, I'm fitplan, your training coach. A few quick questions (about a minute) and I'll write you a weekly plan.",
  welcomeBack: "Welcome back! Here is the profile I have for you.",
  help: [
    "I write weekly training plans that fit your goal, equipment, schedule and injuries.",
    "",
    "/plan - answer a few questions and get your plan",
    "/profile - see or edit your profile",
    "/replan - next week's plan, from how this week went",
    "/swap - swap an exercise in your latest plan",
    "/history - your recent weeks",
    "/weekly - a weekly reminder to re-plan",
    "/export - your week as a calendar file",
    "/cancel - stop the current questions",
    "/forget - delete everything I know about you",
    "",
    "While answering you can type back, cancel or restart.",
  ].join("\n"),
  idleWithProfile: "Ready when you are. Make a new plan, or edit your profile first?",
  idleWithoutProfile: "Send /plan and I'll ask a few questions to build your weekly plan.",
  cancelled: "Stopped. Your saved profile is unchanged. Send /plan whenever you want to carry on.",
  nothingToCancel: "There is nothing to cancel. Send /plan to start.",
  restarted: "Starting over.",
  firstQuestion: "This is the first question, there is nothing to go back to.",
  staleButton: "That button belongs to an earlier message. Please use the latest one.",
  underAge:
    "Thanks for your interest! fitplan is made for people aged 13 and over, so I can't write a plan for you. A PE teacher, a coach or a parent can suggest great activities for your age.",
  summaryTitle: "Here is your profile:",
  summaryPrompt: "Shall I write your plan?",
  editWhich: "Which answer would you like to change?",
  notSure: "Sorry, I didn't get that.",
  pickAtLeastOne: "Please pick at least one option, then press Done.",
  hiddenInGroup: "(private, not shown in a group)",
  groupPrivacyHint: "Prefer to keep this private? Message me directly and send /plan there.",
  forgotten: "Done. I have deleted your profile, your plans and your settings.",
  unknownCommand: "I don't know that command. Send /help to see what I can do.",
  planStarting: "Writing your plan...",
  planFailed:
    "Sorry, I couldn't write your plan just now. Please try again in a minute; your answers are saved.",
  fallbackNotice:
    "Our AI coach is unavailable right now, so this plan comes from our built-in planner.",
  budgetNotice: "Today's AI budget is used up, so this plan comes from our built-in planner.",
  noPlanYet: "You don't have a plan yet. Send /plan to make one.",
} as const;

export const SWAP = {
  whichDay: "Which day has the exercise you want to swap?",
  whichExercise: "Which exercise would you like to swap?",
  whichAlternative: (name: string) => `Safe alternatives to ${name} for you:`,
  noAlternative: (name: string) =>
    `I couldn't find a safe alternative to ${name} with your equipment. Keep it, or edit your equipment with /profile.`,
  done: (from: string, to: string) => `Done: ${to} replaces ${from}.`,
  cancelled: "Okay, your plan is unchanged.",
  planChanged: "Your plan has changed since then. Send /swap to start again.",
  typeNumber: "Please pick one of the options by its number, or type cancel.",
} as const;

export const BUTTONS = {
  back: "« Back",
  cancel: "Cancel",
  done: "Done",
  skip: "Skip",
  confirm: "Make my plan",
  edit: "Edit an answer",
  newPlan: "New plan",
  editProfile: "Edit profile",
} as const;

/** "You can ask for a new plan in 12 minutes." */
export function waitMessage(retryAfterMs: number): string {
  return `You have asked for a lot of plans recently. You can ask for a new plan in ${humanDuration(retryAfterMs)}.`;
}

/** Rounds up, so users never come back too early: 61 s is "2 minutes". */
export function humanDuration(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (minutes <= 1) return "1 minute";
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const hourText = hours === 1 ? "1 hour" : `${hours} hours`;
  return rest === 0 ? hourText : `${hourText} ${rest} minutes`;
}

/** Why an answer was not accepted, followed by the question again. */
export function invalidAnswer(reason: string): string {
  return `${MESSAGES.notSure} ${reason}`;
}

export function hintFor(spec: FieldSpec): string {
  switch (spec.kind) {
    case "number":
      return `Please give a number from ${spec.min} to ${spec.max}.`;
    case "single":
      return "Please pick one of the options, by name or number.";
    case "multi":
      return "Pick one or more options, by name or number (for example: 1, 3).";
    case "text":
      return spec.optional ? "Type a few words, or skip." : "Type a few words.";
  }
}
