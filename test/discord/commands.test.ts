/**
 * The command definitions stay within Discord's limits as the profile grows, the ids fit in a
 * custom_id, and registration overwrites the commands in bulk, globally or for one server.
 */
import { ApplicationCommandOptionType, InteractionContextType, REST } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { commandDefinitions, optionName } from "../../adapters/discord/commands.js";
import { CUSTOM_ID_MAX, decodeId, encodeId } from "../../adapters/discord/ids.js";
import { guildArgument, registerCommands } from "../../adapters/discord/register.js";
import { FIELDS } from "../../src/profile/schema.js";
import { FAKE_APP_ID, type FakeDiscordApi, startFakeDiscordApi } from "../fakes/discord-api.js";

const NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;
let api: FakeDiscordApi | undefined;

afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe("the slash commands", () => {
  const commands = commandDefinitions();

  it("give /plan one optional option per profile field, within Discord's limits", () => {
    const plan = commands.find((command) => command.name === "plan");
    const options = plan?.options ?? [];
    expect(options.map((option) => option.name)).toEqual(FIELDS.map((f) => optionName(f.key)));
    expect(options.length).toBeLessThanOrEqual(25);
    for (const option of options) {
      expect(option.name).toMatch(NAME);
      expect(option.description.length).toBeGreaterThan(0);
      expect(option.description.length).toBeLessThanOrEqual(100);
      expect(option.required).toBe(false);
      if ("choices" in option && option.choices)
        expect(option.choices.length).toBeLessThanOrEqual(25);
    }
    const age = options.find((option) => option.name === "age");
    expect(age).toMatchObject({
      type: ApplicationCommandOptionType.Integer,
      min_value: 13,
      max_value: 100,
    });
  });

  it("name every command validly and restrict the admin command to Manage Server", () => {
    expect(commands.map((command) => command.name).sort()).toEqual(
      [
        "export",
        "fitplan-admin",
        "forget",
        "help",
        "history",
        "plan",
        "profile",
        "replan",
        "swap",
        "weekly",
      ].sort(),
    );
    for (const command of commands) expect(command.name).toMatch(NAME);
    const admin = commands.find((command) => command.name === "fitplan-admin");
    expect(admin?.default_member_permissions).toBe("32");
    expect(admin?.contexts).toEqual([InteractionContextType.Guild]);
  });
});

describe("component ids", () => {
  it("round-trip, with separators inside a ref", () => {
    const id = { op: "c", owner: "400000000000000001", ref: "swap|3:2", arg: "confirm" } as const;
    const packed = encodeId(id);
    expect(packed?.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
    expect(decodeId(packed ?? "")).toEqual(id);
  });

  it("refuse to build an id longer than Discord allows, and ignore foreign ids", () => {
    expect(encodeId({ op: "c", owner: "1", ref: "x".repeat(100), arg: "" })).toBeUndefined();
    expect(decodeId("someone-elses-button")).toBeUndefined();
    expect(decodeId("fp|zz|1|2|3")).toBeUndefined();
  });
});

describe("registering commands", () => {
  it("overwrites the global commands in one request", async () => {
    api = await startFakeDiscordApi();
    const rest = new REST({ api: api.api }).setToken("fake-discord-token");
    const count = await registerCommands({ rest, appId: FAKE_APP_ID });

    expect(count).toBe(commandDefinitions().length);
    const puts = api.requests.filter((request) => request.method === "PUT");
    expect(puts.map((request) => request.path)).toEqual([`/applications/${FAKE_APP_ID}/commands`]);
    expect(puts[0]?.authorized).toBe(true);
  });

  it("registers to one server with --guild", async () => {
    api = await startFakeDiscordApi();
    const rest = new REST({ api: api.api }).setToken("fake-discord-token");
    const guildId = guildArgument(["--guild", "300000000000000001"]);
    await registerCommands({ rest, appId: FAKE_APP_ID, ...(guildId ? { guildId } : {}) });
    expect(api.requests.at(-1)?.path).toBe(
      `/applications/${FAKE_APP_ID}/guilds/300000000000000001/commands`,
    );
    expect(guildArgument(["--guild=300000000000000001"])).toBe("300000000000000001");
    expect(() => guildArgument(["--guild", "general"])).toThrow(/server id/);
  });
});
