/**
 * The entry point of one shard process under the ShardingManager. discord.js passes the shard
 * ids and the token through the environment; this process builds its own services and runs the
 * Discord front end only.
 */
import { parseConfig } from "../../src/config.js";
import { composeServices } from "../compose.js";
import { createDiscordBot } from "./bot.js";

async function runShard(): Promise<void> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    for (const problem of parsed.problems) process.stderr.write(`  - ${problem}\n`);
    process.exit(2);
  }
  const { config } = parsed;
  const services = await composeServices(config);
  const token = config.DISCORD_TOKEN;
  if (!token) throw new Error("a shard needs DISCORD_TOKEN");

  const bot = createDiscordBot({
    coach: services.coach,
    store: services.store,
    clock: services.clock,
    logger: services.logger.child({ shards: process.env.SHARDS ?? "" }),
    ...(config.DISCORD_API_ROOT ? { apiRoot: config.DISCORD_API_ROOT } : {}),
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await bot.stop(config.SHUTDOWN_GRACE_MS);
    await services.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
  await bot.start(token);
}

runShard().catch((error: unknown) => {
  process.stderr.write(
    `discord shard stopped: ${error instanceof Error ? error.message : "unknown error"}\n`,
  );
  process.exit(1);
});
