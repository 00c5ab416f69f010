/**
 * The Telegram front end's own sentences: errors, buttons and hints that only a chat with buttons
 * needs. Everything the coach says lives in src/messages.ts.
 */
export const TELEGRAM_WORDS = {
  apology:
    "Sorry, something went wrong on my side. Please try again, or send /cancel to start over.",
  foreignButton: "That button belongs to someone else's questions. Send /plan to start your own.",
  tooFast: "You're sending messages faster than I can keep up. Please wait a few seconds.",
  planMayBeMissing: "If your plan did not arrive, send /plan again.",
  stages: {
    validate: "⏳ 1/3 Checking your profile…",
    generate: "✍️ 2/3 Writing your plan…",
    enforce: "🔎 3/3 Checking the plan…",
  },
  commands: [
    { command: "start", description: "Say hello and start" },
    { command: "plan", description: "Answer a few questions and get your plan" },
    { command: "replan", description: "Next week's plan, from how this week went" },
    { command: "profile", description: "See or edit your profile" },
    { command: "swap", description: "Swap an exercise in your plan" },
    { command: "history", description: "Your recent weeks" },
    { command: "weekly", description: "A weekly reminder to re-plan: on, off or a time" },
    { command: "export", description: "Your week as a calendar file" },
    { command: "cancel", description: "Stop the current questions" },
    { command: "forget", description: "Delete everything I know about you" },
    { command: "help", description: "What I can do" },
  ],
} as const;
