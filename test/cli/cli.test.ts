import { spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs an npm entry point with the given standard input and a clean, token-free environment. */
function run(args: string[], input = "", env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", ...args], {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        LOG_LEVEL: "warn",
        ...env,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const ANSWERS = [
  "34",
  "muscle",
  "intermediate",
  "dumbbells, bench",
  "3",
  "45",
  "knees",
  "sore on stairs",
  "kg",
  "skip",
  "yes",
];

describe("the terminal chat", () => {
  it("takes piped answers and streams a full weekly plan with stage progress", async () => {
    const result = await run(["adapters/main.ts"], `${ANSWERS.join("\n")}\n`);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("How old are you?");
    expect(result.stdout).toContain("Here is your profile:");
    expect(result.stdout).toContain("[1/3] Checking your profile... done");
    expect(result.stdout).toContain("[2/3] Writing your plan...");
    expect(result.stdout).toContain("[3/3] Checking the plan... done");
    expect(result.stdout).toContain("(made by the planner in");
    for (const day of ["Monday", "Wednesday", "Sunday"]) expect(result.stdout).toContain(day);
    expect(result.stdout).not.toMatch(/at .*\.ts:\d+/);
  });

  it("re-asks a wrong answer and understands back", async () => {
    const input = ["200", "34", "wizard", "back", "35", "strength", "cancel"].join("\n");
    const result = await run(["adapters/main.ts"], `${input}\n`);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Please give 13 to 100 years.");
    expect(result.stdout).toContain("Please pick one of the options");
    expect(result.stdout).toContain("Stopped.");
  });

  it("stops at start-up with one line per bad variable, without printing values", async () => {
    const result = await run(["adapters/main.ts"], "", {
      HTTP_PORT: "not-a-port",
      OPENAI_API_KEY: "sk-secret-value-123",
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("HTTP_PORT: expected a port number");
    expect(result.stderr).toContain("OPENAI_MODEL: expected a model name");
    expect(result.stderr).not.toContain("sk-secret-value-123");
  });
});

describe("npm run plan", () => {
  it("prints the plan and its meta as JSON", async () => {
    const result = await run([
      "adapters/cli/plan.ts",
      "--profile",
      "examples/profiles/dumbbells-bad-knees-muscle.json",
      "--json",
    ]);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as {
      plan: { days: unknown[] };
      meta: { source: string };
    };
    expect(output.plan.days).toHaveLength(7);
    expect(output.meta.source).toBe("planner");
  });

  it("exits non-zero with one line per bad field", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fitplan-"));
    const file = join(dir, "bad.json");
    await writeFile(file, JSON.stringify({ age: 30, goal: "flying", daysPerWeek: 9 }));
    const result = await run(["adapters/cli/plan.ts", "--profile", file, "--json"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^goal: /m);
    expect(result.stderr).toMatch(/^daysPerWeek: /m);
    expect(result.stdout).toBe("");
  });
});
