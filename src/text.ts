/**
 * Text hygiene shared by every free-text field: what a user types is stored and sent on only after
 * invisible and control characters are gone and the length is capped.
 */

// Control characters (C0, DEL, C1), zero-width and bidi controls, the BOM and soft hyphens.
// Newlines and tabs become spaces first so that words stay apart.
const INVISIBLE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/gu;

/** Removes invisible and control characters, collapses whitespace and trims. */
export function cleanText(input: string): string {
  return input
    .replace(/[\t\n\r\v\f]/g, " ")
    .replace(INVISIBLE, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Cleans and caps to `max` characters without splitting a surrogate pair. */
export function cleanAndCap(input: string, max: number): string {
  const cleaned = cleanText(input);
  const chars = Array.from(cleaned);
  return chars.length <= max ? cleaned : chars.slice(0, max).join("").trimEnd();
}
