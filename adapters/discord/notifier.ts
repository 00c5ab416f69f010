/**
 * Reaches Discord members by DM, and guild reminder channels by a post, for weekly reminders. It
 * talks to the REST API alone, so it works the same with or without shards. Unknown users and
 * channels, and missing access, are reported as blocked, so the subscription ends.
 */
import { DiscordAPIError, type REST, Routes } from "discord.js";
import type { Notifier } from "../../src/schedule/notifier.js";

// Cannot send messages to this user, unknown user, unknown channel, missing access.
const GONE = new Set([50_007, 10_013, 10_003, 50_001]);

export function createDiscordNotifier(rest: REST): Notifier {
  async function post(channelId: string, text: string): Promise<void> {
    await rest.post(Routes.channelMessages(channelId), {
      body: { content: text, allowed_mentions: { parse: [] } },
    });
  }

  return {
    platform: "discord",
    async send(target, text) {
      try {
        if (target.kind === "channel") {
          await post(target.id, text);
        } else {
          const dm = (await rest.post(Routes.userChannels(), {
            body: { recipient_id: target.id },
          })) as { id: string };
          await post(dm.id, text);
        }
        return "sent";
      } catch (error) {
        return error instanceof DiscordAPIError && GONE.has(Number(error.code))
          ? "blocked"
          : "failed";
      }
    },
  };
}
