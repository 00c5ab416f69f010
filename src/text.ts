/**
 * Text hygiene shared by every free-text field: what a user types is stored and sent on only after
 * invisible and control characters are gone and the length is capped.
 */

// Control characters (Cc) and format characters (Cf): zero-width and bidi controls, the BOM, soft
// hyphens. Newlines and tabs become spaces first so that words stay apart.
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

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
