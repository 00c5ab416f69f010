/**
 * The terminal chat: numbered choices, typed answers, and the plan written out as it grows. It
 * reads lines from any stream, so answers can be piped in as well as typed.
 */
import { writeFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Coach, Turn } from "../../src/coach.js";
import type { Input, Reply } from "../../src/conversation/types.js";
import type { PlanEvent, StageName } from "../../src/pipeline/types.js";
import type { UserKey } from "../../src/ports.js";

export interface TerminalChatDeps {
  readonly coach: Coach;
  readonly user: UserKey;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** Shows a prompt marker; off when answers are piped in. */
  readonly interactive: boolean;
}

const STAGE_LABELS: Record<StageName, string> = {
  validate: "Checking your profile",
  generate: "Writing your plan",
  enforce: "Checking the plan",
};
const STAGE_NUMBER: Record<StageName, number> = { validate: 1, generate: 2, enforce: 3 };

export function renderReply(reply: Reply): string {
  const lines = [reply.text];
  const choices = reply.choices;
  if (!choices) return lines.join("\n");
  // Number questions offer quick picks; the number itself is the answer, so no list numbers.
  const quickPicks = choices.options.every(
    (option) => /^\d+$/.test(option.value) && option.label === option.value,
  );
  if (quickPicks && choices.options.length > 0) {
    lines.push(`  (for example ${choices.options.map((option) => option.label).join(", ")})`);
  } else {
    choices.options.forEach((option, index) => {
      const tick = choices.mode === "multi" ? (option.selected ? "[x] " : "[ ] ") : "";
      lines.push(`  ${index + 1}. ${tick}${option.label}`);
    });
  }
  if (choices.mode === "multi") lines.push("  (type the numbers or names, for example: 1, 3)");
  if (choices.actions.length > 0) {
    lines.push(`  (or type: ${choices.actions.map((action) => action.value).join(", ")})`);
  }
  return lines.join("\n");
}

/** Typed words that name a button on the last reply are pressed as that button. */
export function toInput(line: string, last: Reply | undefined): Input {
  const text = line.trim();
  if (text.startsWith("/")) {
    const [name = "", ...rest] = text.slice(1).split(/\s+/);
    return { kind: "command", value: name.toLowerCase(), args: rest.join(" ") };
  }
  const choices = last?.choices;
  const lower = text.toLowerCase();
  const action = choices?.actions.find(
    (candidate) => candidate.value === lower || candidate.label.toLowerCase() === lower,
  );
  if (choices && action) return { kind: "choice", value: action.value, ref: choices.ref };
  return { kind: "text", value: text };
}

/**
 * Prints a plan stream: each stage as it starts and ends, the plan as it is written, and the
 * checked plan at the end (again in full only when checking changed what was shown).
 */
export async function printPlan(
  events: AsyncIterable<PlanEvent>,
  write: (text: string) => void,
): Promise<void> {
  let shown = "";
  for await (const event of events) {
    if (event.type === "stage") {
      const label = `[${STAGE_NUMBER[event.stage]}/3] ${STAGE_LABELS[event.stage]}`;
      if (event.state === "started")
        write(event.stage === "generate" ? `${label}...\n\n` : `${label}...`);
      else write(event.stage === "generate" ? "\n\n" : " done\n");
    } else if (event.type === "text") {
      write(event.text.startsWith(shown) ? event.text.slice(shown.length) : `\n\n${event.text}`);
      shown = event.text;
    } else if (event.type === "done") {
      if (event.text.startsWith(shown)) write(`${event.text.slice(shown.length)}\n`);
      else write(`Your checked plan:\n\n${event.text}\n`);
      for (const notice of event.meta.notices) write(`\nNote: ${notice}\n`);
      const cost = event.meta.costUsd === undefined ? "" : `, $${event.meta.costUsd.toFixed(4)}`;
      write(`\n(made by the ${event.meta.source} in ${event.meta.durationMs} ms${cost})\n`);
    } else {
      write(`\n${event.message}\n`);
    }
  }
}

/** A reader that went away (`npm start | head`) ends the chat quietly, not with a stack trace. */
export function exitQuietlyOnClosedOutput(output: NodeJS.WritableStream): void {
  output.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}

export async function runTerminalChat(deps: TerminalChatDeps): Promise<void> {
  const write = (text: string) => deps.output.write(text);
  const lines = createInterface({ input: deps.input, terminal: false });
  let last: Reply | undefined;
  const prompt = () => {
    if (deps.interactive) write("> ");
  };

  const show = async (turn: Turn) => {
    for (const reply of turn.replies) write(`${renderReply(reply)}\n`);
    if (turn.notice) write(`${turn.notice}\n`);
    const withChoices = [...turn.replies].reverse().find((reply) => reply.choices);
    if (withChoices || turn.replies.length > 0) last = withChoices;
    if (turn.plan) await printPlan(turn.plan.events, write);
    if (turn.file) {
      await writeFile(turn.file.name, turn.file.content);
      write(`Saved ${turn.file.name} in ${process.cwd()}\n`);
    }
  };

  await show(
    await deps.coach.handle(deps.user, { kind: "command", value: "start" }, { group: false }),
  );
  prompt();
  for await (const line of lines) {
    if (line.trim() === "") {
      prompt();
      continue;
    }
    if (/^\/?(quit|exit)$/i.test(line.trim())) break;
    await show(await deps.coach.handle(deps.user, toInput(line, last), { group: false }));
    prompt();
  }
  write("\nBye! Train well.\n");
}
