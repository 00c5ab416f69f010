/**
 * Where a text too long for one message is cut: at a blank line (between days of a plan) when one
 * is near the end of the budget, else at a line break, never inside a line unless one line alone is
 * longer than the budget.
 */

/** A cut: the text for this message and the offset where the rest begins. */
export interface Cut {
  readonly head: string;
  readonly restAt: number;
}

/**
 * Cuts `text` so the head fits in `budget` UTF-16 code units. A blank line is preferred when it
 * leaves the head at least half full; otherwise the last line break is used.
 */
export function cutText(text: string, budget: number): Cut {
  if (text.length <= budget) return { head: text, restAt: text.length };

  const window = text.slice(0, budget + 1);
  const blank = window.lastIndexOf("\n\n");
  const line = window.lastIndexOf("\n");
  let at: number;
  if (blank >= budget / 2) at = blank;
  else if (line > 0) at = line;
  else at = safeHardCut(text, budget);

  return { head: text.slice(0, at).trimEnd(), restAt: skipBreaks(text, at) };
}

/** Splits a whole text into pieces that each fit in `budget`. */
export function splitText(text: string, budget: number): string[] {
  const pieces: string[] = [];
  let rest = text.slice(skipBreaks(text, 0));
  while (rest.length > budget) {
    const cut = cutText(rest, budget);
    pieces.push(cut.head);
    rest = rest.slice(cut.restAt);
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/** The offset of the first character after any line breaks that start at `from`. */
export function skipBreaks(text: string, from: number): number {
  let at = from;
  while (at < text.length && (text[at] === "\n" || text[at] === "\r")) at += 1;
  return at;
}

// A cut between the halves of a surrogate pair would leave two broken characters.
function safeHardCut(text: string, budget: number): number {
  const code = text.charCodeAt(budget - 1);
  const isHighSurrogate = code >= 0xd800 && code <= 0xdbff;
  return isHighSurrogate ? budget - 1 : budget;
}
