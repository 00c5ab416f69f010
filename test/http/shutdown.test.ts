import { type ChildProcess, spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { createPlannerGenerator } from "../../src/planner/index.js";
import { startFakeOpenAI } from "../fakes/openai-server.js";
import { freePort } from "../helpers/ports.js";
import { postPlan, readSse, type SseEvent } from "./client.js";
import { deferred, gatedGenerator, startApi } from "./harness.js";

const names = (events: readonly SseEvent[]) => events.map((event) => event.event);

/** Waits for the stream to reach the generate stage, then hands back the rest of the reader. */
async function untilGenerating(events: AsyncGenerator<SseEvent>): Promise<SseEvent[]> {
  const seen: SseEvent[] = [];
  for (;;) {
    const next = await events.next();
    if (next.done) return seen;
    seen.push(next.value);
    if (next.value.event === "stage" && (next.value.data as { stage: string }).stage === "generate")
      return seen;
  }
}

async function rest(events: AsyncGenerator<SseEvent>): Promise<SseEvent[]> {
  const seen: SseEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

describe("stopping the HTTP front end", () => {
  it("refuses new work and reports not ready while a running stream finishes", async () => {
    const open = deferred();
    const gated = gatedGenerator(createPlannerGenerator(), open.promise);
    const api = await startApi({ llm: gated.generator });

    const stream = readSse(await postPlan(api.url));
    await untilGenerating(stream);
    const stopped = api.server.stop(60_000);

    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(503);
    const refused = await postPlan(api.url);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBeTruthy();
    await refused.text();
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);

    open.resolve();
    const remaining = names(await rest(stream));
    expect(remaining.slice(-2)).toEqual(["plan", "done"]);
    await stopped;
    await expect(fetch(`${api.url}/healthz`)).rejects.toThrow();
  });

  it("ends a stream that outlives the grace period with an error event and aborts its generator", async () => {
    const gated = gatedGenerator(createPlannerGenerator(), new Promise(() => {}));
    const api = await startApi({ llm: gated.generator });

    const stream = readSse(await postPlan(api.url));
    await untilGenerating(stream);
    await api.server.stop(1);

    await gated.aborted;
    const remaining = await rest(stream);
    expect(names(remaining).slice(-2)).toEqual(["error", "done"]);
    expect(remaining.at(-1)?.data).toEqual({ ok: false });
  });
});

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

describe("the process on SIGTERM", () => {
  it("lets an in-flight stream finish, then exits 0", async () => {
    // A slow LLM keeps the stream in flight; its text is not a plan, so the built-in planner
    // finishes the job, which is still a delivered plan.
    const fake = await startFakeOpenAI({ content: "x".repeat(300) });
    fake.enqueue({ chunkSize: 3, chunkDelayMs: 10 }, { chunkSize: 3, chunkDelayMs: 10 });
    const port = await freePort();
    // Node runs main.ts itself (through tsx's loader), as in the Docker image, so the exit code
    // is the process's own and not a wrapper's.
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        HTTP_PORT: String(port),
        OPENAI_API_KEY: "sk-test-000000",
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_MODEL: "gpt-4o-mini",
        SHUTDOWN_GRACE_MS: "60000",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = exitOf(child);
    try {
      const url = `http://127.0.0.1:${port}`;
      for (;;) {
        const up = await fetch(`${url}/readyz`).then(
          (response) => response.ok,
          () => false,
        );
        if (up) break;
        if (child.exitCode !== null) throw new Error(`main exited early: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }

      const stream = readSse(await postPlan(url));
      await untilGenerating(stream);
      child.kill("SIGTERM");

      const remaining = names(await rest(stream));
      expect(remaining.slice(-2)).toEqual(["plan", "done"]);
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await fake.close();
    }
  }, 60_000);
});
