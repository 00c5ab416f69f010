/**
 * One-shot planning: `npm run plan -- --profile <file.json> [--json] [--user ID]`. Prints the plan
 * for a profile file, as it is written or, with --json, as one JSON document with its meta.
 *
 * Exit codes: 0 plan printed, 1 failure, 2 bad usage or configuration, 3 invalid profile,
 * 4 over the plan limit.
 */
import { readFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { parseConfig } from "../../src/config.js";
import type { PlanEvent } from "../../src/pipeline/types.js";
import { composeServices } from "../compose.js";
import { exitQuietlyOnClosedOutput, printPlan } from "./chat.js";

const USAGE = "usage: npm run plan -- --profile <file.json> [--json] [--user ID]";

function fail(code: number, lines: readonly string[]): never {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exit(code);
}

async function readProfile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return fail(2, [`Cannot read the profile file: ${path}`]);
  }
  try {
    return JSON.parse(text);
  } catch {
    return fail(3, [`The profile file is not valid JSON: ${path}`]);
  }
}

async function main(): Promise<void> {
  exitQuietlyOnClosedOutput(process.stdout);
  let args: { profile?: string | undefined; json?: boolean | undefined; user?: string | undefined };
  try {
    args = parseArgs({
      options: { profile: { type: "string" }, json: { type: "boolean" }, user: { type: "string" } },
    }).values;
  } catch (error) {
    return fail(2, [error instanceof Error ? error.message : "bad arguments", USAGE]);
  }
  if (!args.profile) return fail(2, [USAGE]);

  const parsed = parseConfig(process.env);
  if (!parsed.ok) return fail(2, ["Fix these environment variables:", ...parsed.problems]);
  // Standard error is for the user here: log lines only when asked for with LOG_LEVEL.
  const quiet = process.env.LOG_LEVEL === undefined;
  const services = await composeServices(parsed.config, quiet ? { logLevel: "error" } : {});
  const profile = await readProfile(args.profile);
  const user = `cli:${args.user ?? userInfo().username}` as const;

  const outcome = await services.planning.request({
    limitKey: user,
    profile,
    user,
    signal: new AbortController().signal,
  });
  if (outcome.kind === "invalid") {
    await services.close();
    const lines = outcome.validated.issues.map((issue) => `${issue.field}: ${issue.message}`);
    return fail(3, ["The profile is not valid:", ...lines]);
  }
  if (outcome.kind === "limited") {
    await services.close();
    return fail(4, [outcome.message]);
  }

  let final: Extract<PlanEvent, { type: "done" }> | undefined;
  let failure: string | undefined;
  async function* watch(): AsyncGenerator<PlanEvent> {
    if (outcome.kind !== "accepted") return;
    for await (const event of outcome.events) {
      if (event.type === "done") final = event;
      if (event.type === "failed") failure = event.message;
      yield event;
    }
  }

  if (args.json) {
    for await (const _event of watch()) {
      // Only the final plan is printed in JSON mode.
    }
    if (final)
      process.stdout.write(`${JSON.stringify({ plan: final.plan, meta: final.meta }, null, 2)}\n`);
  } else {
    await printPlan(watch(), (text) => process.stdout.write(text));
  }
  await services.close();
  if (!final) fail(1, [failure ?? "No plan was made."]);
}

main().catch((error: unknown) => {
  fail(1, [`fitplan plan stopped: ${error instanceof Error ? error.message : "unknown error"}`]);
});
