/**
 * The interaction router: turns slash commands, button presses, select menus and modal submits
 * into coach inputs, answers each within Discord's deadline, and streams plans. It is the
 * adapter's one error boundary: whatever fails, the member reads a short apology, never an error.
 */
import type {
  ButtonInteraction,
  ChatInputCommandInteraction,
  Interaction,
  ModalSubmitInteraction,
  RepliableInteraction,
  StringSelectMenuInteraction,
} from "discord.js";
import type { Coach, Turn, TurnContext } from "../../src/coach.js";
import type { Input } from "../../src/conversation/types.js";
import type { LiveMessageOptions } from "../../src/live-message/index.js";
import { splitText } from "../../src/live-message/index.js";
import { MESSAGES } from "../../src/messages.js";
import type { Clock, Logger, UserKey } from "../../src/ports.js";
import { FIELDS, type FieldKey, fieldSpec } from "../../src/profile/schema.js";
import type { Store } from "../../src/store/types.js";
import { runAdminCommand } from "./admin.js";
import { planWithAnswers } from "./answers.js";
import { ADMIN_COMMAND, COACH_COMMANDS, givenAnswers } from "./commands.js";
import { decodeId } from "./ids.js";
import { componentTurn } from "./inputs.js";
import { DISCORD_TEXT } from "./messages.js";
import { answerModal, DISCORD_LIMITS, renderReplies } from "./render.js";
import { type Outcome, RESPOND_DEFAULTS, type RespondStyle, respond } from "./respond.js";
import { sharePlan } from "./share.js";
import { streamPlan } from "./stream.js";
import type { DiscordSurfaceOptions } from "./surface.js";

export interface RouterDeps {
  readonly coach: Coach;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Milliseconds of work before an interaction is deferred; Discord allows 3 s. */
  readonly deferAfterMs?: number;
  readonly surface?: Partial<DiscordSurfaceOptions>;
  readonly live?: Partial<LiveMessageOptions>;
}

/** Work whose outcome answers the interaction, and what runs after the answer (a plan stream). */
interface Handled {
  readonly outcome: Outcome;
  readonly after?: () => Promise<void>;
}

// Every dialogue is ephemeral: nobody else reads it, so health details need no hiding.
const CONTEXT: TurnContext = { group: false };
const FIELD_KEYS = new Set<string>(FIELDS.map((field) => field.key));

export function createInteractionRouter(deps: RouterDeps) {
  const deferAfterMs = deps.deferAfterMs ?? RESPOND_DEFAULTS.deferAfterMs;

  /** Answers in time, then runs the follow-up work; the one place errors are caught. */
  async function run(
    interaction: RepliableInteraction,
    style: RespondStyle,
    work: () => Promise<Handled>,
    log: Logger,
  ): Promise<void> {
    const handled = work().catch((error: unknown): Handled => {
      log.error({ err: error }, "interaction failed");
      return { outcome: { kind: "notice", text: DISCORD_TEXT.failed } };
    });
    try {
      await respond(
        interaction,
        style,
        handled.then((result) => result.outcome),
        deferAfterMs,
      );
      await (await handled).after?.();
    } catch (error) {
      log.error({ err: error }, "could not answer the interaction");
    }
  }

  /** Turns a coach turn into the answer, and its plan into a stream that runs afterwards. */
  function fromTurn(interaction: RepliableInteraction, user: UserKey, turn: Turn, log: Logger) {
    const owner = interaction.user.id;
    if (turn.replies.length === 0 && !turn.plan) {
      return { outcome: { kind: "notice", text: turn.notice ?? MESSAGES.staleButton } } as const;
    }
    const rendered = renderReplies(turn.replies, owner);
    const text = turn.plan
      ? [rendered.content, MESSAGES.planStarting].filter(Boolean).join("\n\n")
      : rendered.content;
    const [first = "", ...more] = splitText(text, DISCORD_LIMITS.messageChars);
    const files = turn.file
      ? [{ attachment: Buffer.from(turn.file.content), name: turn.file.name }]
      : undefined;
    const outcome: Outcome = {
      kind: "message",
      message: { content: first, components: turn.plan ? [] : rendered.components },
      more,
      ...(files ? { files } : {}),
    };
    const job = turn.plan;
    if (!job) return { outcome };
    const after = async () => {
      await streamPlan({
        interaction,
        job,
        user,
        store: deps.store,
        clock: deps.clock,
        logger: log,
        ...(deps.surface ? { surface: deps.surface } : {}),
        ...(deps.live ? { live: deps.live } : {}),
      });
    };
    return { outcome, after };
  }

  async function onCommand(interaction: ChatInputCommandInteraction, log: Logger) {
    const name = interaction.commandName;
    if (name === ADMIN_COMMAND) {
      await run(
        interaction,
        "reply",
        async () => ({ outcome: await runAdminCommand(interaction, deps) }),
        log,
      );
      return;
    }
    const user = keyOf(interaction);
    const known = (COACH_COMMANDS as readonly string[]).includes(name);
    await run(
      interaction,
      "reply",
      async () => {
        if (!known) return { outcome: { kind: "notice", text: MESSAGES.unknownCommand } };
        const given =
          name === "plan"
            ? givenAnswers((option) => interaction.options.get(option)?.value ?? null)
            : [];
        const args = name === "weekly" ? (interaction.options.getString("when") ?? "") : "";
        const turn =
          given.length > 0
            ? await planWithAnswers(deps.coach, user, given, CONTEXT)
            : await deps.coach.handle(user, { kind: "command", value: name, args }, CONTEXT);
        return fromTurn(interaction, user, turn, log);
      },
      log,
    );
  }

  async function onComponent(
    interaction: ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction,
    log: Logger,
  ) {
    const id = decodeId(interaction.customId);
    if (!id) {
      await run(interaction, "reply", async () => notice(DISCORD_TEXT.oldButton), log);
      return;
    }
    if (id.owner !== interaction.user.id) {
      log.info({ op: id.op }, "refused a component pressed by another member");
      await run(interaction, "reply", async () => notice(DISCORD_TEXT.foreign), log);
      return;
    }
    if (id.op === "a" && interaction.isButton()) {
      // A modal must be the first response, so it is shown before any other work.
      const spec = FIELD_KEYS.has(id.arg) ? fieldSpec(id.arg as FieldKey) : undefined;
      const modal = spec ? answerModal(spec, id.owner, id.ref) : undefined;
      if (modal) {
        await interaction.showModal(modal).catch((error: unknown) => {
          log.error({ err: error }, "could not show the answer modal");
        });
        return;
      }
      await run(interaction, "reply", async () => notice(DISCORD_TEXT.oldButton), log);
      return;
    }
    const user = keyOf(interaction);
    if (id.op === "share") {
      await run(
        interaction,
        "update",
        async () => ({
          outcome: await sharePlan(deps, {
            user,
            sharerId: interaction.user.id,
            week: Number(id.arg),
            channelId: interaction.inGuild() ? interaction.channelId : null,
          }),
        }),
        log,
      );
      return;
    }
    await run(
      interaction,
      "update",
      async () => {
        const handle = (input: Input) => deps.coach.handle(user, input, CONTEXT);
        return fromTurn(interaction, user, await componentTurn(interaction, id, handle), log);
      },
      log,
    );
  }

  return async function route(interaction: Interaction): Promise<void> {
    const log = deps.logger.child({
      platform: "discord",
      interaction: interaction.id,
      guild: interaction.guildId ?? "dm",
    });
    if (interaction.isChatInputCommand()) await onCommand(interaction, log);
    else if (
      interaction.isButton() ||
      interaction.isStringSelectMenu() ||
      interaction.isModalSubmit()
    ) {
      await onComponent(interaction, log);
    }
  };
}

function notice(text: string): Handled {
  return { outcome: { kind: "notice", text } };
}

function keyOf(interaction: Interaction): UserKey {
  return `discord:${interaction.user.id}`;
}
