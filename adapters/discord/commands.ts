/**
 * The slash commands. /plan has one optional option per profile field, derived from
 * {@link FIELDS}, so regulars can give their answers in the command and skip the questions.
 */
import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { FIELDS, type FieldKey, type FieldSpec } from "../../src/profile/schema.js";

export const ADMIN_COMMAND = "fitplan-admin";
export const ADMIN_SET = "reminder-channel";
export const ADMIN_CLEAR = "reminders-off";

/** Commands forwarded to the coach as they are, by slash-command name. */
export const COACH_COMMANDS = [
  "plan",
  "profile",
  "replan",
  "swap",
  "history",
  "weekly",
  "export",
  "forget",
  "help",
] as const;

const DESCRIPTION_MAX = 100;
const CHOICES_MAX = 25;

function clip(text: string): string {
  return text.length <= DESCRIPTION_MAX ? text : `${text.slice(0, DESCRIPTION_MAX - 1)}…`;
}

/** "daysPerWeek" becomes "days_per_week": option names must be lower case. */
export function optionName(key: FieldKey): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function fieldOption(spec: FieldSpec<FieldKey>): APIApplicationCommandBasicOption {
  const base = { name: optionName(spec.key), required: false };
  switch (spec.kind) {
    case "number":
      return {
        ...base,
        type: ApplicationCommandOptionType.Integer,
        description: clip(`${spec.question} (${spec.min}-${spec.max})`),
        min_value: spec.min,
        max_value: spec.max,
      };
    case "single":
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        description: clip(spec.question),
        choices: spec.options.slice(0, CHOICES_MAX).map((option) => ({
          name: clip(option.label),
          value: option.value,
        })),
      };
    case "multi":
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        description: clip(
          `${spec.title}, comma-separated: ${spec.options.map((option) => option.value).join(", ")}`,
        ),
        max_length: 200,
      };
    case "text":
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        description: clip(spec.question),
        max_length: spec.max,
      };
  }
}

const everywhere = {
  contexts: [
    InteractionContextType.Guild,
    InteractionContextType.BotDM,
    InteractionContextType.PrivateChannel,
  ],
  integration_types: [
    ApplicationIntegrationType.GuildInstall,
    ApplicationIntegrationType.UserInstall,
  ],
};

/** Every command, as the bulk-overwrite endpoint takes them. */
export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const simple = (name: string, description: string) => ({
    type: ApplicationCommandType.ChatInput as const,
    name,
    description,
    ...everywhere,
  });
  return [
    {
      ...simple(
        "plan",
        "Answer a few questions, or give your answers here, and get your weekly plan",
      ),
      options: FIELDS.map(fieldOption),
    },
    simple("profile", "See or edit your profile"),
    simple("replan", "Next week's plan, from how this week went"),
    simple("swap", "Swap an exercise in your latest plan"),
    simple("history", "Your recent weeks of plans"),
    {
      ...simple("weekly", "A weekly DM reminding you to re-plan"),
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: "when",
          description: "on, off, or a day and time such as: on sun 18:00",
          required: false,
          max_length: 60,
        },
      ],
    },
    simple("export", "Your latest week as a calendar file and Markdown"),
    simple("forget", "Delete everything fitplan knows about you"),
    simple("help", "What fitplan can do"),
    {
      type: ApplicationCommandType.ChatInput,
      name: ADMIN_COMMAND,
      description: "fitplan settings for this server",
      default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
      contexts: [InteractionContextType.Guild],
      integration_types: [ApplicationIntegrationType.GuildInstall],
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: ADMIN_SET,
          description: "Post weekly re-plan reminders in a channel",
          options: [
            {
              type: ApplicationCommandOptionType.Channel,
              name: "channel",
              description: "Where reminders go",
              required: true,
              channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
            },
          ],
        },
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: ADMIN_CLEAR,
          description: "Stop posting weekly reminders",
        },
      ],
    },
  ];
}

/** A /plan option value, as the answer the conversation would take typed. */
export interface GivenAnswer {
  readonly key: FieldKey;
  readonly text: string;
}

/** Reads the /plan options that were given, in field order. */
export function givenAnswers(
  read: (name: string) => string | number | boolean | null,
): GivenAnswer[] {
  const given: GivenAnswer[] = [];
  for (const spec of FIELDS) {
    const value = read(optionName(spec.key));
    if (value === null || value === undefined || String(value).trim() === "") continue;
    given.push({ key: spec.key, text: String(value) });
  }
  return given;
}
