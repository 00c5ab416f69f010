import { REST } from "discord.js";
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscordNotifier } from "../../adapters/discord/notifier.js";
import { createTelegramNotifier } from "../../adapters/telegram/notifier.js";
import { type FakeDiscordApi, startFakeDiscordApi } from "../fakes/discord-api.js";
import { type FakeBotApi, startFakeBotApi } from "../fakes/telegram-bot-api.js";

describe("the Telegram notifier", () => {
  let fake: FakeBotApi;
  beforeAll(async () => {
    fake = await startFakeBotApi();
  });
  afterAll(() => fake.close());

  const notifier = () => createTelegramNotifier(new Api(fake.token, { apiRoot: fake.apiRoot }));

  it("sends the prompt as a private message", async () => {
    // A private chat exists once the user has written to the bot.
    fake.userSays({ id: 4242, first_name: "Ann" }, { id: 4242, type: "private" }, "/start");
    expect(await notifier().send({ kind: "user", id: "4242" }, "Time to re-plan!")).toBe("sent");
    expect(fake.botMessages(4242).map((message) => message.text)).toEqual(["Time to re-plan!"]);
  });

  it("reports a chat that does not exist as blocked", async () => {
    expect(await notifier().send({ kind: "user", id: "999999" }, "hi")).toBe("blocked");
  });

  it("reports a user who blocked the bot as blocked", async () => {
    fake.failNext("sendMessage", 403, "Forbidden: bot was blocked by the user");
    expect(await notifier().send({ kind: "user", id: "4243" }, "hi")).toBe("blocked");
  });

  it("reports a passing failure as failed, to be tried again", async () => {
    fake.failNext("sendMessage", 500, "Internal Server Error");
    expect(await notifier().send({ kind: "user", id: "4244" }, "hi")).toBe("failed");
  });
});

describe("the Discord notifier", () => {
  let fake: FakeDiscordApi;
  beforeAll(async () => {
    fake = await startFakeDiscordApi();
  });
  afterAll(() => fake.close());

  const notifier = () =>
    createDiscordNotifier(new REST({ api: fake.api }).setToken("discord-token"));

  it("opens a DM and posts the prompt there", async () => {
    expect(await notifier().send({ kind: "user", id: "100000000000000777" }, "Re-plan?")).toBe(
      "sent",
    );
    const dm = fake.messages.at(-1);
    expect(dm?.where).toBe("channel:900000000000000777");
    expect(dm?.content).toBe("Re-plan?");
  });

  it("posts to a guild's reminder channel", async () => {
    expect(await notifier().send({ kind: "channel", id: "300000000000000001" }, "Weekly!")).toBe(
      "sent",
    );
    expect(fake.messages.at(-1)).toMatchObject({
      where: "channel:300000000000000001",
      content: "Weekly!",
    });
  });

  it("treats an answer it does not recognise as a passing failure, to be tried again", async () => {
    const result = await notifier().send({ kind: "channel", id: "not-a-channel" }, "x");
    expect(result).toBe("failed");
  });
});
