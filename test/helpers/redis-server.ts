/**
 * Starts a private redis-server for one test file: a free loopback port, its own temporary
 * directory, no automatic snapshots and no append-only file. Tests may stop and start it to play an
 * outage; a stop saves a snapshot first, the way a persistent Redis keeps its data across a restart.
 * It never touches any Redis it did not start.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const DEFAULTS = {
  readyTimeoutMs: 10_000, // 10 s for the server to answer PING
  pollMs: 20,
  commandTimeoutMs: 2_000,
} as const;

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Saves a snapshot and shuts the server down; its data comes back on the next start. */
  stop(): Promise<void>;
  /** Starts it again on the same port and waits until it answers PING. */
  start(): Promise<void>;
  /** Freezes the process (SIGSTOP): connections stay open but nothing is answered. */
  pause(): void;
  /** Lets a paused server run again (SIGCONT). */
  resume(): void;
  /** Stops the server for good and removes its directory. */
  close(): Promise<void>;
}

// Whatever a test file leaves behind is cleaned up when its process exits.
const running = new Set<ChildProcess>();
const directories = new Set<string>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
  for (const dir of directories) rmSync(dir, { recursive: true, force: true });
});

/** Starts a redis-server on a free 127.0.0.1 port and resolves once it answers PING. */
export async function startRedisServer(): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), "fitplan-redis-"));
  directories.add(dir);
  const port = await freePort();
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    if (child) return;
    const args = [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--save",
      "",
      "--appendonly",
      "no",
      "--logfile",
      join(dir, "redis.log"),
    ];
    const started = spawn("redis-server", args, { stdio: "ignore" });
    running.add(started);
    started.once("exit", () => running.delete(started));
    child = started;
    await waitForPing(port, started);
  }

  async function stop(): Promise<void> {
    const current = child;
    if (!current) return;
    child = undefined;
    const exited = new Promise<void>((resolve) => current.once("exit", () => resolve()));
    // SHUTDOWN SAVE closes the connection without a reply, so the error is expected.
    await command(port, "SHUTDOWN SAVE").catch(() => undefined);
    await exited;
  }

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    pause() {
      child?.kill("SIGSTOP");
    },
    resume() {
      child?.kill("SIGCONT");
    },
    async close() {
      const current = child;
      child = undefined;
      if (current && current.exitCode === null) {
        current.kill("SIGCONT");
        const exited = new Promise<void>((resolve) => current.once("exit", () => resolve()));
        current.kill("SIGKILL");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
      directories.delete(dir);
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

async function waitForPing(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + DEFAULTS.readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    const reply = await command(port, "PING").catch(() => "");
    if (reply.startsWith("+PONG")) return;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`redis-server on port ${port} did not answer PING`);
    }
    await new Promise((resolve) => setTimeout(resolve, DEFAULTS.pollMs));
  }
}

/** Sends one inline command and resolves with the first reply line. */
function command(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    let reply = "";
    socket.setTimeout(DEFAULTS.commandTimeoutMs, () => socket.destroy(new Error("timed out")));
    socket.once("connect", () => socket.write(`${line}\r\n`));
    socket.on("data", (chunk) => {
      reply += chunk.toString("utf8");
      if (reply.includes("\r\n")) {
        socket.end();
        resolve(reply);
      }
    });
    socket.once("error", reject);
    socket.once("close", () => reject(new Error("closed without a reply")));
  });
}
