/**
 * The Discord front end running for real (discord.js's Client and REST, the coach, the built-in
 * planner, the in-process store) against the fake Discord REST API. Interactions arrive the way
 * the gateway delivers them: as INTERACTION_CREATE payloads handed to the client's own
 * InteractionCreate action, which builds the discord.js interaction objects and emits them.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  InteractionType,
  SnowflakeUtil,
} from "discord.js";
import { createDiscordBot } from "../../adapters/discord/bot.js";
import type { DiscordSurfaceOptions } from "../../adapters/discord/surface.js";
import { createCoach } from "../../src/coach.js";
import { createFeatures } from "../../src/features/index.js";
import type { LiveMessageOptions } from "../../src/live-message/index.js";
import { noMetrics } from "../../src/metrics.js";
import { createPlannerGenerator } from "../../src/planner/index.js";
import { createPlanning } from "../../src/planning.js";
import { type Clock, silentLogger } from "../../src/ports.js";

import { createMemoryStore } from "../../src/store/memory.js";
import { type FakeMessage, messageJson, startFakeDiscordApi } from "../fakes/discord-api.js";
import {
  CHANNEL_ID,
  deliverInteraction,
  interactionBase,
  type Member,
} from "../fakes/discord-interactions.js";

export {
  ADMIN_PERMISSIONS,
  CHANNEL_ID,
  GUILD_ID,
  MEMBER_PERMISSIONS,
  type Member,
} from "../fakes/discord-interactions.js";

export interface HarnessOptions {
  readonly deferAfterMs?: number;
  readonly surface?: Partial<DiscordSurfaceOptions>;
  readonly live?: Partial<LiveMessageOptions>;
  readonly clock?: Clock;
  /** In a DM with the bot instead of a server channel. */
  readonly dm?: boolean;
}

type CommandOption = { name: string; type: ApplicationCommandOptionType; value: string | number };

export async function startHarness(options: HarnessOptions = {}) {
  const api = await startFakeDiscordApi();
  const clock = options.clock ?? Date.now;
  const store = createMemoryStore();
  const common = { store, clock, logger: silentLogger };
  const planning = createPlanning({
    ...common,
    planner: createPlannerGenerator(),
    metrics: noMetrics,
  });
  const coach = createCoach({ ...common, planning, features: createFeatures(common) });
  const bot = createDiscordBot({
    ...common,
    coach,
    apiRoot: api.api,
    surface: { minEditIntervalMs: 20, ...options.surface },
    live: { retryBaseMs: 20, ...options.live },
    ...(options.deferAfterMs === undefined ? {} : { deferAfterMs: options.deferAfterMs }),
  });
  bot.client.rest.setToken("fake-discord-token");

  function base(member: Member, type: InteractionType) {
    return interactionBase(member, type, { now: clock(), ...(options.dm ? { dm: true } : {}) });
  }

  async function inject(payload: { token: string; [key: string]: unknown }): Promise<string> {
    const from = payload.message as { id?: string } | undefined;
    if (from?.id) api.attachToMessage(payload.token, from.id);
    deliverInteraction(bot.client, payload);
    await bot.whenIdle();
    return payload.token;
  }

  return {
    api,
    store,
    bot,
    /** Runs a slash command; resolves with its interaction token once all its work is done. */
    command(
      member: Member,
      name: string,
      optionValues: CommandOption[] = [],
      sub?: { name: string; options?: CommandOption[] },
    ) {
      const all = [...optionValues, ...(sub?.options ?? [])];
      const channels = all.filter((option) => option.type === ApplicationCommandOptionType.Channel);
      const resolved = Object.fromEntries(
        channels.map((option) => [
          option.value,
          { id: option.value, type: ChannelType.GuildText, name: "reminders", permissions: "0" },
        ]),
      );
      const options = sub
        ? [
            {
              name: sub.name,
              type: ApplicationCommandOptionType.Subcommand,
              options: sub.options ?? [],
            },
          ]
        : optionValues;
      return inject({
        ...base(member, InteractionType.ApplicationCommand),
        data: {
          id: SnowflakeUtil.generate().toString(),
          name,
          type: ApplicationCommandType.ChatInput,
          options,
          ...(channels.length > 0 ? { resolved: { channels: resolved } } : {}),
        },
      });
    },
    /** Presses a button on `message`. */
    press(member: Member, message: FakeMessage, customId: string) {
      return inject({
        ...base(member, InteractionType.MessageComponent),
        message: messageJson(message, CHANNEL_ID),
        data: { custom_id: customId, component_type: ComponentType.Button },
      });
    },
    /** Picks values in a select menu on `message`. */
    select(member: Member, message: FakeMessage, customId: string, values: string[]) {
      return inject({
        ...base(member, InteractionType.MessageComponent),
        message: messageJson(message, CHANNEL_ID),
        data: { custom_id: customId, component_type: ComponentType.StringSelect, values },
      });
    },
    /** Submits a modal opened from `message`, with `value` typed in its one input. */
    submitModal(member: Member, message: FakeMessage, customId: string, value: string) {
      return inject({
        ...base(member, InteractionType.ModalSubmit),
        message: messageJson(message, CHANNEL_ID),
        data: {
          custom_id: customId,
          components: [
            {
              type: ComponentType.ActionRow,
              components: [{ type: ComponentType.TextInput, custom_id: "answer", value }],
            },
          ],
        },
      });
    },
    /** The message the bot changed last: the dialogue as the member sees it now. */
    latest(): FakeMessage {
      const newest = [...api.messages].sort((a, b) => b.touched - a.touched)[0];
      if (!newest) throw new Error("the bot has sent nothing yet");
      return newest;
    },
    async close() {
      await bot.client.destroy();
      await api.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

interface RenderedComponent {
  type: number;
  custom_id?: string;
  label?: string;
  options?: { value: string; label: string }[];
  components?: RenderedComponent[];
}

/** Every component on a message, rows flattened. */
export function componentsOf(message: FakeMessage): RenderedComponent[] {
  return (message.components as RenderedComponent[]).flatMap((row) => row.components ?? []);
}

/** The custom id of the button labelled `label`, or of the first select menu. */
export function idOf(message: FakeMessage, what: { button: string } | "select"): string {
  const found = componentsOf(message).find((component) =>
    what === "select"
      ? component.type === ComponentType.StringSelect
      : component.type === ComponentType.Button && component.label === what.button,
  );
  if (!found?.custom_id) throw new Error(`no ${JSON.stringify(what)} on: ${message.content}`);
  return found.custom_id;
}
