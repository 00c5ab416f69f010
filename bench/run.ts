/**
 * Runs every benchmark, each in a child process of its own so that timings, CPU time and memory
 * are its alone; prints each one's summary line as it finishes and writes docs/BENCHMARKS.md.
 * `npm run bench -- planner cache` runs only those and writes no report.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { BENCHMARKS, type BenchName } from "./list.js";
import { describeMachine } from "./machine.js";
import { type Failure, writeReport } from "./report.js";
import { type BenchResult, RESULT_MARKER, summaryLine } from "./result.js";

const SETTINGS = {
  timeoutMs: 300_000, // 5 min for any one benchmark before it is stopped
} as const;

const names = Object.keys(BENCHMARKS) as BenchName[];

function runChild(name: BenchName): Promise<BenchResult> {
  const script = fileURLToPath(new URL("./child.ts", import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, name], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), SETTINGS.timeoutMs);
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      const line = output.split("\n").find((candidate) => candidate.startsWith(RESULT_MARKER));
      if (line) return resolve(JSON.parse(line.slice(RESULT_MARKER.length)) as BenchResult);
      const tail = output.trim().split("\n").slice(-5).join("\n");
      reject(new Error(`exited with ${signal ?? code} and no result${tail ? `: ${tail}` : ""}`));
    });
  });
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
  const unknown = asked.filter((name) => !names.includes(name as BenchName));
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark: ${unknown.join(", ")}; known: ${names.join(", ")}\n`);
    process.exit(2);
  }
  const chosen = asked.length > 0 ? (asked as BenchName[]) : names;

  const started = Date.now();
  const results: BenchResult[] = [];
  const failures: Failure[] = [];
  for (const name of chosen) {
    try {
      const result = await runChild(name);
      results.push(result);
      console.log(summaryLine(result));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push({ name, error: message });
      console.log(`${name}: FAILED (${message})`);
    }
  }

  if (asked.length === 0) {
    const path = new URL("../docs/BENCHMARKS.md", import.meta.url);
    writeReport(path, {
      date: new Date().toISOString().slice(0, 10),
      machine: describeMachine(),
      totalSeconds: (Date.now() - started) / 1_000,
      results,
      failures,
    });
    console.log(`wrote ${fileURLToPath(path)}`);
  }
  if (failures.length > 0) process.exitCode = 1;
}

await main();
