import { describe, expect, it } from "vitest";
import type { FakeChat, FakeUser } from "../fakes/telegram-bot-api.js";
import { finishedPlan } from "./harness.js";
import { answerByTyping, question, useHarness } from "./steps.js";

const alice: FakeUser = { id: 401, first_name: "Alice" };
const chat: FakeChat = { id: 401, type: "private" };

const start = useHarness();

describe("the Telegram bot in webhook mode", () => {
  it("sets the webhook with a secret and refuses posts without it", async () => {
    const h = await start({ webhook: true });
    expect(h.api.webhook()).toMatchObject({ secretToken: "test-secret" });
    const { update } = h.api.userSays(alice, chat, "/start");
    await h.api.settleWebhook();
    expect(await h.api.postToWebhook(update, "wrong-secret")).toBe(401);
    await question(h, chat, "(1/10)");
  });

  it("handles a duplicated update once", async () => {
    const h = await start({ webhook: true });
    const { update } = h.api.userSays(alice, chat, "/start");
    await question(h, chat, "(1/10)");
    expect(await h.api.postToWebhook(update)).toBe(200);

    h.say(alice, chat, "/help");
    await question(h, chat, "/forget");
    expect(h.api.botMessages(chat.id).filter((m) => m.text.includes("(1/10)"))).toHaveLength(1);
  });

  it("answers the webhook before the plan is written", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const h = await start({ webhook: true, gate });
    await answerByTyping(h, alice, chat, "/plan");
    const { update } = h.api.userSays(alice, chat, "yes");
    await h.api.waitFor(() =>
      h.api.webhookDeliveries.find((delivery) => delivery.updateId === update.update_id),
    );
    expect(finishedPlan(h.api.botMessages(chat.id))).toBeUndefined();

    release();
    await h.api.waitFor(() => finishedPlan(h.api.botMessages(chat.id)));
  });
});
