/**
 * Starts the Discord front end from the composed services: in this process, or, with
 * `DISCORD_SHARDS` set (`auto` or a number), under discord.js's ShardingManager, which runs one
 * child process per group of shards. Shards share nothing in process; all state is in the store.
 */
import { fileURLToPath } from "node:url";
import { REST, ShardingManager } from "discord.js";
import type { Notifier } from "../../src/schedule/notifier.js";
import type { Services } from "../compose.js";
import { createDiscordBot } from "./bot.js";
import { createDiscordNotifier } from "./notifier.js";

export interface DiscordFrontEnd {
  readonly name: string;
  /** Sends weekly reminders by DM and to guild reminder channels. */
  readonly notifier: Notifier;
  stop(graceMs: number): Promise<void>;
}

/** The shard entry file: TypeScript when run through tsx, JavaScript when built into dist/. */
const SHARD_FILE = new URL(
  import.meta.url.endsWith(".ts") ? "./shard.ts" : "./shard.js",
  import.meta.url,
);

/** The shard count: "auto" asks Discord for the recommended number. */
export function parseShards(value: string): number | "auto" {
  if (value.trim().toLowerCase() === "auto") return "auto";
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) {
    throw new Error("DISCORD_SHARDS must be auto or a whole number of shards");
  }
  return count;
}

export async function startDiscord(services: Services): Promise<DiscordFrontEnd> {
  const { config, logger } = services;
  const token = config.DISCORD_TOKEN;
  if (!token || !config.DISCORD_APP_ID)
    throw new Error("Discord needs DISCORD_TOKEN and DISCORD_APP_ID");

  const rest = new REST(config.DISCORD_API_ROOT ? { api: config.DISCORD_API_ROOT } : {}).setToken(
    token,
  );
  const notifier = createDiscordNotifier(rest);

  if (config.DISCORD_SHARDS) {
    const manager = new ShardingManager(fileURLToPath(SHARD_FILE), {
      token,
      totalShards: parseShards(config.DISCORD_SHARDS),
      mode: "process",
      // The children run TypeScript through the same loader as this process.
      execArgv: process.execArgv,
    });
    manager.on("shardCreate", (shard) => logger.info({ shard: shard.id }, "discord shard started"));
    await manager.spawn();
    logger.info({ shards: manager.totalShards }, "discord shards running");
    return {
      name: "discord",
      notifier,
      async stop() {
        // Each child stops gracefully on SIGTERM: see shard.ts.
        for (const shard of manager.shards.values()) shard.kill();
      },
    };
  }

  const bot = createDiscordBot({
    coach: services.coach,
    store: services.store,
    clock: services.clock,
    logger,
    ...(config.DISCORD_API_ROOT ? { apiRoot: config.DISCORD_API_ROOT } : {}),
  });
  await bot.start(token);
  return { name: "discord", notifier, stop: (graceMs) => bot.stop(graceMs) };
}
