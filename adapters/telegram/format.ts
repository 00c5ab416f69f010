/**
 * Telegram HTML for a finished plan. The plan is rendered as plain text first (so that it can be
 * split between messages at any line); each piece is then escaped whole, and the lines that head a
 * section are set in bold. Escaping keeps the visible text exactly as long as the plain text.
 */

import { escapeHtml } from "../../src/plan/render.js";
import { DAY_NAMES } from "../../src/plan/schema.js";

const HEADING = new RegExp(`^(${DAY_NAMES.join("|")}): `);

/** Escapes `plain` for parse_mode HTML, with day headings, "Notes" and `title` in bold. */
export function formatPlanHtml(plain: string, title?: string): string {
  return plain
    .split("\n")
    .map((line) => {
      const escaped = escapeHtml(line);
      const heading =
        HEADING.test(line) || line === "Notes" || (title !== undefined && line === title);
      return heading && line.trim() !== "" ? `<b>${escaped}</b>` : escaped;
    })
    .join("\n");
}
