/**
 * Registers fitplan's slash commands in bulk: `npm run discord:register` for every server (global
 * commands can take a while to show), or `-- --guild ID` for one server, updated at once.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { REST, Routes } from "discord.js";
import { parseConfig } from "../../src/config.js";
import { commandDefinitions } from "./commands.js";

export interface RegisterRequest {
  readonly rest: REST;
  readonly appId: string;
  readonly guildId?: string;
}

/** Overwrites the application's commands with {@link commandDefinitions}; returns their count. */
export async function registerCommands(request: RegisterRequest): Promise<number> {
  const route = request.guildId
    ? Routes.applicationGuildCommands(request.appId, request.guildId)
    : Routes.applicationCommands(request.appId);
  const saved = (await request.rest.put(route, { body: commandDefinitions() })) as unknown[];
  return saved.length;
}

/** Reads `--guild ID` or `--guild=ID`. */
export function guildArgument(argv: readonly string[]): string | undefined {
  const index = argv.findIndex((arg) => arg === "--guild" || arg.startsWith("--guild="));
  if (index < 0) return undefined;
  const arg = argv[index] ?? "";
  const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[index + 1];
  if (!value || !/^\d{5,20}$/.test(value)) throw new Error("--guild needs a server id (digits)");
  return value;
}

async function main(): Promise<void> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) throw new Error(parsed.problems.join("; "));
  const { DISCORD_TOKEN: token, DISCORD_APP_ID: appId, DISCORD_API_ROOT: api } = parsed.config;
  if (!token || !appId) throw new Error("set DISCORD_TOKEN and DISCORD_APP_ID");

  const guildId = guildArgument(process.argv.slice(2));
  const rest = new REST(api ? { api } : {}).setToken(token);
  const count = await registerCommands({ rest, appId, ...(guildId ? { guildId } : {}) });
  process.stdout.write(
    guildId
      ? `Registered ${count} commands in server ${guildId}.\n`
      : `Registered ${count} global commands; Discord may take up to an hour to show changes.\n`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `registration failed: ${error instanceof Error ? error.message : "unknown error"}\n`,
    );
    process.exit(1);
  });
}
