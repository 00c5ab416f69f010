/**
 * The Discord front end: a discord.js client with the Guilds intent only (no message content;
 * everything arrives as interactions), routing every interaction to the coach.
 */
import { Client, Events, GatewayIntentBits, type Interaction } from "discord.js";
import type { Coach } from "../../src/coach.js";
import type { LiveMessageOptions } from "../../src/live-message/index.js";
import type { Clock, Logger } from "../../src/ports.js";
import type { Store } from "../../src/store/types.js";
import { createInteractionRouter } from "./router.js";
import type { DiscordSurfaceOptions } from "./surface.js";

export interface DiscordBotDeps {
  readonly coach: Coach;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The REST API root, such as a local fake; Discord's own when absent. */
  readonly apiRoot?: string;
  readonly deferAfterMs?: number;
  readonly surface?: Partial<DiscordSurfaceOptions>;
  readonly live?: Partial<LiveMessageOptions>;
}

export interface DiscordBot {
  readonly client: Client;
  /** Connects to the gateway; resolves once logged in. */
  start(token: string): Promise<void>;
  /** Resolves once no interaction is being handled, plan streams included. */
  whenIdle(): Promise<void>;
  /** Waits up to `graceMs` for interactions in progress, then disconnects. */
  stop(graceMs: number): Promise<void>;
}

export function createDiscordBot(deps: DiscordBotDeps): DiscordBot {
  const log = deps.logger.child({ platform: "discord" });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...(deps.apiRoot ? { rest: { api: deps.apiRoot } } : {}),
  });
  const route = createInteractionRouter({ ...deps, logger: log });
  const running = new Set<Promise<void>>();
  let stopping = false;

  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (stopping) return;
    const work = route(interaction).catch((error: unknown) => {
      log.error({ err: error }, "interaction handler failed");
    });
    running.add(work);
    void work.finally(() => running.delete(work));
  });
  client.once(Events.ClientReady, (ready) => {
    log.info(
      { guilds: ready.guilds.cache.size, shards: ready.shard?.ids ?? [0], bot: ready.user.id },
      "discord bot ready",
    );
  });
  client.on(Events.ShardError, (error, shardId) => {
    log.warn({ shardId, err: error.message }, "discord gateway error");
  });

  return {
    client,
    async start(token) {
      await client.login(token);
    },
    async whenIdle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    async stop(graceMs) {
      stopping = true;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([Promise.allSettled([...running]), grace]);
      clearTimeout(timer);
      await client.destroy();
    },
  };
}
