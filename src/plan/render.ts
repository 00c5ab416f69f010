/**
 * Turns a plan, or the part of it written so far, into chat text that reads well on a phone: one
 * block per day, separated by blank lines so long plans split cleanly between messages.
 */
import { type Day, dayName, type Exercise, type PartialPlan, type Plan } from "./schema.js";

export type Format = "plain" | "html";

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => HTML_ESCAPES[char] ?? char);
}

function bold(text: string, format: Format): string {
  return format === "html" ? `<b>${escapeHtml(text)}</b>` : text;
}

function plain(text: string, format: Format): string {
  return format === "html" ? escapeHtml(text) : text;
}

/** "3 × 8-12, rest 90 s, RIR 2" or "3 × 30 s, rest 45 s, RPE 6". */
export function exerciseDose(exercise: Exercise): string {
  const work = exercise.reps ?? `${exercise.seconds ?? 0} s`;
  const rest = exercise.restSeconds > 0 ? `, rest ${exercise.restSeconds} s` : "";
  return `${exercise.sets} × ${work}${rest}, ${exercise.effort}`;
}

export function renderDay(day: Day, format: Format = "plain"): string {
  const heading =
    day.kind === "rest"
      ? `${dayName(day.day)}: Rest`
      : `${dayName(day.day)}: ${day.focus} (about ${day.minutes} min)`;
  const lines = [bold(heading, format)];
  if (day.kind === "rest") {
    if (day.focus && day.focus.toLowerCase() !== "rest") lines.push(plain(day.focus, format));
    return lines.join("\n");
  }
  if (day.warmup.length > 0) lines.push(plain(`Warm-up: ${day.warmup.join("; ")}`, format));
  day.exercises.forEach((exercise, index) => {
    const note = exercise.notes ? ` (${exercise.notes})` : "";
    lines.push(plain(`${index + 1}. ${exercise.name}: ${exerciseDose(exercise)}${note}`, format));
  });
  return lines.join("\n");
}

/** Renders a whole plan or a partial one; a partial plan shows only the days that are finished. */
export function renderPlan(plan: Plan | PartialPlan, format: Format = "plain"): string {
  const blocks: string[] = [];
  if (plan.title) blocks.push(bold(plan.title, format));
  for (const day of plan.days) blocks.push(renderDay(day, format));
  if (plan.notes && plan.notes.length > 0) {
    blocks.push(
      [bold("Notes", format), ...plan.notes.map((note) => plain(`• ${note}`, format))].join("\n"),
    );
  }
  return blocks.join("\n\n");
}

/** A one-line summary of a training day, for menus such as "swap an exercise". */
export function dayLabel(day: Day): string {
  return `${dayName(day.day)}: ${day.focus}`;
}
