/**
 * Runs one benchmark in this process and writes its result as one JSON line to standard output,
 * after a marker, for bench/run.ts. Usage: node --import tsx bench/child.ts <name>.
 */
import { BENCHMARKS, type BenchName } from "./list.js";
import { RESULT_MARKER } from "./result.js";

const name = process.argv[2] as BenchName | undefined;
const load = name ? BENCHMARKS[name] : undefined;
if (!name || !load) {
  process.stderr.write(`unknown benchmark: ${name ?? "(none)"}\n`);
  process.exit(2);
}
const { run } = await load();
const result = await run();
process.stdout.write(`\n${RESULT_MARKER}${JSON.stringify(result)}\n`, () => process.exit(0));
