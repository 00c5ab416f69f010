import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Api, InputFile } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeBotApi, startFakeBotApi } from "./telegram-bot-api.js";

const alice = { id: 11, first_name: "Alice" };
const privateChat = { id: 11, type: "private" as const };

let api: FakeBotApi;

async function call(method: string, body: unknown, token = api.token) {
  const response = await fetch(`${api.apiRoot}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeEach(async () => {
  api = await startFakeBotApi({ editIntervalMs: 60_000 });
});
afterEach(async () => {
  await api.close();
});

describe("the fake Bot API", () => {
  it("answers getMe with JSON and form bodies, and 404 for another token", async () => {
    expect((await call("getMe", {})).body).toMatchObject({ ok: true, result: { is_bot: true } });
    const form = await fetch(`${api.apiRoot}/bot${api.token}/getMe`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "x=1",
    });
    expect(form.status).toBe(200);
    expect((await call("getMe", {}, "1:wrong")).status).toBe(404);
  });

  it("holds getUpdates open until an update arrives, and forgets confirmed ones", async () => {
    const polled = call("getUpdates", { timeout: 30 });
    api.userSays(alice, privateChat, "/start");
    const { body } = await polled;
    const updates = body.result as { update_id: number; message: { entities: unknown[] } }[];
    expect(updates).toHaveLength(1);
    expect(updates[0]?.message.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);

    const next = await call("getUpdates", { offset: (updates[0]?.update_id ?? 0) + 1 });
    expect(next.body.result).toEqual([]);
  });

  it("enforces Telegram's rules on sending and editing", async () => {
    api.userSays(alice, privateChat, "hi");
    const sent = await call("sendMessage", { chat_id: 11, text: "one" });
    const id = (sent.body.result as { message_id: number }).message_id;

    expect(
      (await call("sendMessage", { chat_id: 11, text: "x".repeat(4_097) })).body,
    ).toMatchObject({
      error_code: 400,
      description: "Bad Request: message is too long",
    });
    const bold = await call("sendMessage", {
      chat_id: 11,
      text: "<b>ok</b> &lt;",
      parse_mode: "HTML",
    });
    expect(bold.body.ok).toBe(true);
    for (const html of ["<b>open", "<script>x</script>", "a < b", "&nbsp;", "<b><i>x</b></i>"]) {
      const bad = await call("sendMessage", { chat_id: 11, text: html, parse_mode: "HTML" });
      expect(bad.body.description).toMatch(/^Bad Request: can't parse entities/);
    }
    const longData = { inline_keyboard: [[{ text: "x", callback_data: "é".repeat(33) }]] };
    const button = await call("sendMessage", { chat_id: 11, text: "x", reply_markup: longData });
    expect(button.body.description).toBe("Bad Request: BUTTON_DATA_INVALID");

    expect(
      (await call("editMessageText", { chat_id: 11, message_id: id, text: "two" })).status,
    ).toBe(200);
    const same = await call("editMessageText", { chat_id: 11, message_id: id, text: "two" });
    expect(same.status).toBe(429);
    expect(same.body).toMatchObject({ error_code: 429, parameters: { retry_after: 60 } });
    expect(api.messages(11).find((m) => m.message_id === id)?.history).toEqual(["one"]);

    api.deleteMessage(11, id);
    const gone = await call("editMessageText", { chat_id: 11, message_id: id, text: "three" });
    expect(gone.body.description).toBe("Bad Request: message to edit not found");
  });

  it("says an unchanged edit is not modified", async () => {
    const relaxed = await startFakeBotApi();
    try {
      relaxed.userSays(alice, privateChat, "hi");
      const grammy = new Api(relaxed.token, { apiRoot: relaxed.apiRoot });
      const sent = await grammy.sendMessage(11, "same");
      await expect(grammy.editMessageText(11, sent.message_id, "same")).rejects.toThrow(
        /message is not modified/,
      );
    } finally {
      await relaxed.close();
    }
  });

  it("takes documents as multipart uploads from grammY", async () => {
    api.userSays(alice, privateChat, "/export");
    const grammy = new Api(api.token, { apiRoot: api.apiRoot });
    await grammy.sendDocument(11, new InputFile(Buffer.from("BEGIN:VCALENDAR"), "week.ics"), {
      caption: "Your week",
    });
    const [, document] = api.messages(11);
    expect(document?.document).toEqual({ file_name: "week.ics", content: "BEGIN:VCALENDAR" });
    expect(document?.text).toBe("Your week");
    expect(api.callCount("sendDocument")).toBe(1);
  });

  it("posts updates to a webhook with the secret token, and refuses getUpdates meanwhile", async () => {
    const received: { secret: unknown; body: string }[] = [];
    const hook = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        received.push({ secret: request.headers["x-telegram-bot-api-secret-token"], body });
        response.end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
    const { port } = hook.address() as AddressInfo;
    try {
      await call("setWebhook", { url: `http://127.0.0.1:${port}/hook`, secret_token: "s3cret" });
      api.userSays(alice, privateChat, "hello");
      await api.settleWebhook();
      expect(received).toHaveLength(1);
      expect(received[0]?.secret).toBe("s3cret");
      expect(JSON.parse(received[0]?.body ?? "{}")).toMatchObject({ message: { text: "hello" } });
      expect((await call("getUpdates", {})).status).toBe(409);
    } finally {
      await new Promise((resolve) => hook.close(resolve));
    }
  });

  it("accepts a callback answer once", async () => {
    api.userSays(alice, privateChat, "hi");
    const sent = await call("sendMessage", { chat_id: 11, text: "pick" });
    const [message] = api.botMessages(11);
    expect(sent.status).toBe(200);
    const { id } = api.userPresses(alice, message ?? expect.fail("no message"), "a");
    expect((await call("answerCallbackQuery", { callback_query_id: id, text: "ok" })).status).toBe(
      200,
    );
    expect((await call("answerCallbackQuery", { callback_query_id: id })).status).toBe(400);
    expect(api.answer(id)).toMatchObject({ answered: true, text: "ok" });
  });
});
