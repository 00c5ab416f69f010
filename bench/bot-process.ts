/**
 * Starts a bot in a process of its own: our real entry point (adapters/main.ts, configured by
 * environment variables as in production) or the bare echo bot. The probe preloaded into it
 * reports its CPU time and memory on request.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ProbeReading } from "./probe.js";

export type BotKind = "fitplan" | "echo";

const SCRIPTS: Record<BotKind, URL> = {
  fitplan: new URL("../adapters/main.ts", import.meta.url),
  echo: new URL("./echo-bot.ts", import.meta.url),
};

export interface BotProcess {
  readonly pid: number;
  /** CPU time and memory of the bot process now. */
  read(): Promise<ProbeReading>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
  /** The last lines it wrote to standard error, for failure reports. */
  stderr(): string;
}

export function startBotProcess(kind: BotKind, env: Record<string, string>): BotProcess {
  const probe = fileURLToPath(new URL("./probe.ts", import.meta.url));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      // BENCH_CPU_PROF=<dir> writes each bot process's CPU profile there, for node --cpu-prof.
      ...(process.env.BENCH_CPU_PROF
        ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
      "--import",
      "tsx",
      "--import",
      probe,
      fileURLToPath(SCRIPTS[kind]),
    ],
    {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    },
  );
  let errors = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    errors = (errors + chunk).slice(-4_000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  return {
    pid: child.pid ?? 0,
    read() {
      return new Promise((resolve, reject) => {
        if (!child.connected) return reject(new Error(`the ${kind} bot has exited: ${errors}`));
        child.once("message", (reading) => resolve(reading as ProbeReading));
        child.send("read");
      });
    },
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
    stderr: () => errors,
  };
}
