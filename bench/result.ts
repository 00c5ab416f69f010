/**
 * What one benchmark hands back: its summary line, the figures for the table in
 * docs/BENCHMARKS.md, and the detail paragraphs under it. Plain JSON, so a benchmark can run in a
 * child process of its own and send it back on standard output.
 */

/** Starts the line that carries a child process's result as JSON. */
export const RESULT_MARKER = "@@bench-result ";

export interface BenchResult {
  /** The short name on the summary line, such as "planner". */
  readonly name: string;
  /** The section heading in docs/BENCHMARKS.md. */
  readonly title: string;
  /** The measured figure, such as "2,310 plans/s". */
  readonly figure: string;
  /** The figure over the baseline, such as "0.21x". */
  readonly ratio: string;
  /** The baseline as the summary line names it after the ratio, such as "bare schema parse". */
  readonly versus: string;
  /** The baseline with its own figure, for the table. */
  readonly baseline: string;
  /** The goal in words, or "none". */
  readonly goal: string;
  /** Whether the goal was met; undefined when there is none. */
  readonly met: boolean | undefined;
  /** Markdown under the section heading: how it was measured, tables, and misses explained. */
  readonly details: readonly string[];
}

/** The one summary line a benchmark prints. */
export function summaryLine(result: BenchResult): string {
  const verdict = result.met === undefined ? "" : result.met ? ", met" : ", MISSED";
  return `${result.name}: ${result.figure}, ${result.ratio} ${result.versus} (goal: ${result.goal}${verdict})`;
}

/** A whole number with thousands separators: 12,345. */
export function count(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** A number with a fixed count of decimals and thousands separators. */
export function fixed(value: number, decimals: number): string {
  return value.toLocaleString("en-US", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/** A ratio as "1.23x". */
export function times(value: number): string {
  return `${fixed(value, 2)}x`;
}

/** A share as "12.3%". */
export function percent(part: number, whole: number): string {
  return whole === 0 ? "n/a" : `${fixed((100 * part) / whole, 1)}%`;
}

/** US dollars with enough decimals for fractions of a cent: $0.00439. */
export function usd(value: number): string {
  return `$${value.toFixed(5)}`;
}

/** A markdown table from a header row and data rows; `align` marks right-aligned columns. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  const rule = header.map((_, index) => (index === 0 ? "---" : "---:"));
  return [line(header), line(rule), ...rows.map(line)].join("\n");
}

/** The value at quantile `q` (0 to 1) of unsorted samples, by nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}
