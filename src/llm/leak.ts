/**
 * A guard against the model repeating its instructions. Any answer line that shares a run of
 * {@link RUN} words with the system prompt is dropped before anyone sees it. Plan lines are short
 * and specific, so a run that long only matches a line that quotes the prompt.
 */

const RUN = 8;

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "");
}

function runs(list: readonly string[]): string[] {
  const result: string[] = [];
  for (let start = 0; start + RUN <= list.length; start += 1) {
    result.push(list.slice(start, start + RUN).join(" "));
  }
  return result;
}

/** Builds the check for one secret text: it says whether a line quotes it. */
export function createLeakGuard(secret: string): (line: string) => boolean {
  const known = new Set(runs(words(secret)));
  return (line) => runs(words(line)).some((run) => known.has(run));
}
