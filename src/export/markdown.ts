/**
 * A week's plan as Markdown: a heading per day with its date, a table of exercises, and the
 * plan's notes. Table cells are escaped so names with pipes cannot break the layout.
 */
import { type Day, dayName, type Plan } from "../plan/schema.js";
import { addDays, type CivilDate, formatDate } from "./dates.js";

export interface MarkdownOptions {
  readonly week: number;
  /** The date of the plan's day 1 (a Monday). */
  readonly start: CivilDate;
}

function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();
}

function dayBlock(day: Day, start: CivilDate): string[] {
  const date = formatDate(addDays(start, day.day - 1));
  if (day.kind === "rest") return [`## ${dayName(day.day)} ${date}: Rest`];
  const lines = [`## ${dayName(day.day)} ${date}: ${day.focus} (about ${day.minutes} min)`];
  if (day.warmup.length > 0) lines.push("", `Warm-up: ${day.warmup.join("; ")}`);
  if (day.exercises.length > 0) {
    lines.push("", "| # | Exercise | Sets | Reps / time | Rest | Effort | Notes |");
    lines.push("|---|---|---|---|---|---|---|");
    day.exercises.forEach((exercise, index) => {
      const work = exercise.reps ?? `${exercise.seconds ?? 0} s`;
      const row = [
        String(index + 1),
        cell(exercise.name),
        String(exercise.sets),
        cell(work),
        `${exercise.restSeconds} s`,
        cell(exercise.effort),
        cell(exercise.notes ?? ""),
      ];
      lines.push(`| ${row.join(" | ")} |`);
    });
  }
  return lines;
}

export function planToMarkdown(plan: Plan, options: MarkdownOptions): string {
  const blocks = [
    [`# ${plan.title}`, "", `Week ${options.week}, starting ${formatDate(options.start)}.`],
    ...plan.days.map((day) => dayBlock(day, options.start)),
  ];
  if (plan.notes.length > 0)
    blocks.push(["## Notes", "", ...plan.notes.map((note) => `- ${note}`)]);
  return `${blocks.map((block) => block.join("\n")).join("\n\n")}\n`;
}
