/**
 * The Discord side of the streaming benchmark: our Discord front end (discord.js's client and
 * REST, the router, the surface and the core's live message) against the fake Discord REST API
 * behind the recording proxy, which enforces one edit per second per interaction. A slash command
 * arrives the way the gateway delivers it: an INTERACTION_CREATE payload handed to the client's
 * own handler.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionType,
  SnowflakeUtil,
} from "discord.js";
import { createDiscordBot } from "../adapters/discord/bot.js";
import type { Coach } from "../src/coach.js";
import { silentLogger } from "../src/ports.js";
import type { Profile } from "../src/profile/schema.js";
import type { Store } from "../src/store/types.js";
import { startFakeDiscordApi } from "../test/fakes/discord-api.js";
import { deliverInteraction, interactionBase } from "../test/fakes/discord-interactions.js";
import { DISCORD_RULES, startApiProxy } from "./api-proxy.js";
import { typedAnswers } from "./telegram-world.js";

export async function startDiscordWorld(deps: {
  coach: Coach;
  store: Store;
  editIntervalMs: number;
}) {
  const api = await startFakeDiscordApi();
  const proxy = await startApiProxy({
    upstream: new URL(api.api).origin,
    rules: DISCORD_RULES,
    editIntervalMs: deps.editIntervalMs,
  });
  const bot = createDiscordBot({
    coach: deps.coach,
    store: deps.store,
    clock: Date.now,
    logger: silentLogger,
    apiRoot: `${proxy.url}/api`,
  });
  bot.client.rest.setToken("fake-discord-token");

  /** A member runs /plan with every answer given; resolves once the plan is delivered. */
  async function plan(memberId: string, profile: Profile): Promise<string> {
    const [, age, goal, experience, equipment, days, minutes, injuries] = typedAnswers(profile);
    const S = ApplicationCommandOptionType.String;
    const I = ApplicationCommandOptionType.Integer;
    const options = [
      { name: "age", type: I, value: Number(age) },
      { name: "goal", type: S, value: goal },
      { name: "experience", type: S, value: experience },
      { name: "equipment", type: S, value: equipment },
      { name: "days_per_week", type: I, value: Number(days) },
      { name: "minutes", type: I, value: Number(minutes) },
      { name: "injuries", type: S, value: injuries },
    ];
    const member = { id: memberId, name: `member${memberId.slice(-4)}` };
    const payload = {
      ...interactionBase(member, InteractionType.ApplicationCommand),
      data: {
        id: SnowflakeUtil.generate().toString(),
        name: "plan",
        type: ApplicationCommandType.ChatInput,
        options,
      },
    };
    deliverInteraction(bot.client, payload);
    const { token } = payload;
    return `token:${token}`;
  }

  return {
    api,
    proxy,
    plan,
    whenIdle: () => bot.whenIdle(),
    async close(): Promise<void> {
      await bot.client.destroy();
      await proxy.close();
      await api.close();
    },
  };
}
