/**
 * Secrets never leak: the real entry point runs as its own process with a Telegram token, an
 * OpenAI key and HTTP API keys set (and a webhook secret in webhook mode), against the fake Bot
 * API and the fake OpenAI server, at the most verbose log level. A whole session runs through it,
 * error paths included (the LLM answers 401 and 500, Telegram refuses calls, a client sends a
 * wrong key, a webhook post carries a wrong secret), and then nothing the process wrote (standard
 * output and standard error), no message any user received, and no HTTP answer may contain any
 * secret, or a client's wrong key, in whole or in the pieces and encodings a leak would take.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { goodAnswer } from "../fakes/model.js";
import { type FakeOpenAIServer, startFakeOpenAI } from "../fakes/openai-server.js";
import {
  type FakeBotApi,
  type FakeChat,
  type FakeUser,
  startFakeBotApi,
} from "../fakes/telegram-bot-api.js";
import { freePort } from "../helpers/ports.js";
import { postPlan } from "../http/client.js";
import { TYPICAL, until } from "./dialogue.js";

const TOKEN = "7340051234:AAH9kx-TelegramSecretPart_q8Zr2vN5wLm";
const OPENAI_KEY = "sk-proj-Xq81LmZp02SecretOpenAIKeyVv93Tt";
const API_KEYS = ["fp-alpha-Kd83Jf02LqPz", "fp-beta-Mx71Nc44RwQs"];
const WRONG_KEY = "fp-wrong-Zz00Yy11Xx22";
const HOOK_SECRET = "hook-Wq55Er66Ty77SecretHeader";

/** Each secret as a leak may show it: whole, its distinctive part, URL- or base64-encoded. */
function leakForms(): string[] {
  const secrets = [TOKEN, OPENAI_KEY, ...API_KEYS, WRONG_KEY, HOOK_SECRET];
  const forms = secrets.flatMap((secret) => [
    secret,
    encodeURIComponent(secret),
    Buffer.from(secret).toString("base64"),
    Buffer.from(secret).toString("base64url"),
  ]);
  // The part of the bot token after the bot's id is the secret half; the id itself is public.
  forms.push(TOKEN.split(":")[1] ?? TOKEN);
  // A middle slice of each key, in case something logs a prefix or a suffix.
  forms.push(...secrets.map((secret) => secret.slice(4, -4)));
  return forms;
}

function findLeaks(text: string): string[] {
  return leakForms().filter((form) => text.includes(form));
}

let api: FakeBotApi;
let llm: FakeOpenAIServer;
let child: ChildProcess | undefined;
let output = "";
let url = "";

/** Starts the entry point with every secret set; Telegram by long polling or by webhook. */
async function startProcess(mode: "polling" | "webhook"): Promise<void> {
  api = await startFakeBotApi({ token: TOKEN });
  llm = await startFakeOpenAI({ respond: (request) => ({ content: goodAnswer(request) }) });
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  output = "";
  const webhook =
    mode === "webhook"
      ? { TELEGRAM_WEBHOOK_URL: `${url}/telegram/webhook`, TELEGRAM_WEBHOOK_SECRET: HOOK_SECRET }
      : {};
  child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      LOG_LEVEL: "trace",
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.apiRoot,
      OPENAI_API_KEY: OPENAI_KEY,
      OPENAI_BASE_URL: llm.baseURL,
      OPENAI_MODEL: "gpt-4o-mini",
      LLM_FIRST_TOKEN_TIMEOUT_MS: "5000",
      HTTP_PORT: String(port),
      HTTP_API_KEYS: API_KEYS.join(","),
      SHUTDOWN_GRACE_MS: "5000",
      ...webhook,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  if (mode === "polling") await api.waitFor(() => api.callCount("getUpdates") > 0, 20_000);
  else await api.waitFor(() => api.webhook() !== undefined, 20_000);
  await until(
    () =>
      fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      ),
    20_000,
  );
}

afterEach(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await llm?.close();
  await api?.close();
});

const ana: FakeUser = { id: 9101, first_name: "Ana" };
const anaChat: FakeChat = { id: 9101, type: "private" };
const ben: FakeUser = { id: 9102, first_name: "Ben" };
const benChat: FakeChat = { id: 9102, type: "private" };

/** Answers every question by typing, waiting for each, then confirms and waits for the plan. */
async function wholeDialogue(user: FakeUser, chat: FakeChat): Promise<void> {
  const asked = () => api.botMessages(chat.id).length;
  let seen = asked();
  api.userSays(user, chat, "/plan");
  for (;;) {
    await api.waitFor(() => asked() > seen && api.botMessages(chat.id).at(-1));
    seen = asked();
    const last = api.botMessages(chat.id).at(-1)?.text ?? "";
    if (last.includes("Here is your profile:")) break;
    const number = Number(/\((\d+)\/10\)/.exec(last)?.[1]);
    api.userSays(user, chat, TYPICAL[number] ?? "/plan");
  }
  api.userSays(user, chat, "yes");
  await api.waitFor(
    () =>
      api
        .botMessages(chat.id)
        .some((m) => m.reply_markup?.inline_keyboard.flat().some((b) => b.text === "Re-plan")),
    20_000,
  );
}

/** A whole session through the running process, then the checks on everything it wrote. */
async function session(mode: "polling" | "webhook"): Promise<void> {
  const answers: string[] = [];

  // Telegram refuses a few calls: the bot apologises and logs the error.
  api.failNext("sendMessage", 400, "Bad Request: chat not found");
  api.userSays(ana, anaChat, "/help");
  await api.waitFor(() => api.botMessages(anaChat.id).some((m) => m.text.startsWith("Sorry")));
  api.failNext("sendMessage", 500, "Internal Server Error");
  api.failNext("sendChatAction", 401, "Unauthorized");

  // The LLM refuses the key for Ana's plan and fails on the server for Ben's: both fall back.
  llm.enqueue({ status: 401, errorCode: "invalid_api_key" });
  await wholeDialogue(ana, anaChat);
  llm.enqueue({ status: 500 }, { status: 500 }, { status: 500 });
  await wholeDialogue(ben, benChat);

  // The HTTP API: a good key, a wrong one, none, and the supervisors' endpoints.
  for (const headers of [
    { authorization: `Bearer ${API_KEYS[1]}` },
    { authorization: `Bearer ${WRONG_KEY}` },
    {},
  ]) {
    const response = await postPlan(url, undefined, headers);
    answers.push(`${response.status} ${JSON.stringify([...response.headers])}`);
    answers.push(await response.text());
  }
  for (const path of ["/healthz", "/readyz", "/metrics", "/nope"]) {
    const response = await fetch(`${url}${path}`);
    answers.push(await response.text());
  }
  expect(answers[0]).toMatch(/^200 /);
  expect(answers[2]).toMatch(/^401 /);

  if (mode === "webhook") {
    // An update posted with a wrong secret is refused, and the refusal shows no secret.
    const forged = api.userSays(ana, anaChat, "/help").update;
    answers.push(String(await api.postToWebhook(forged, "not-the-secret")));
    expect(answers.at(-1)).toBe("401");
  }

  child?.kill("SIGTERM");
  if (child && child.exitCode === null) await once(child, "exit");

  const messages = [...api.botMessages(anaChat.id), ...api.botMessages(benChat.id)]
    .flatMap((message) => [message.text, ...message.history])
    .join("\n");
  expect(findLeaks(output)).toEqual([]);
  // The logger masks configured secrets as a last resort; nothing should even have needed it.
  expect(output).not.toContain("[redacted]");
  expect(findLeaks(messages)).toEqual([]);
  expect(findLeaks(answers.join("\n"))).toEqual([]);

  // The error paths did run, and were logged.
  expect(output).toMatch(/update failed/);
  expect(output).toMatch(/using the built-in planner/);
  expect(llm.requests.length).toBeGreaterThanOrEqual(4);
}

describe("secrets in a whole session", () => {
  it.each(["polling", "webhook"] as const)(
    "appear in no log line, message or HTTP answer, error paths included (%s)",
    async (mode) => {
      await startProcess(mode);
      await session(mode);
    },
    60_000,
  );
});
