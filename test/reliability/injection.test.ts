/**
 * Hostile text in every free-text field: each string of injection-corpus.json (prompt injection,
 * Telegram HTML and entity tricks, markdown, zero-width and bidi tricks, the plan line format,
 * very long lines) goes through the Telegram dialogue as a typed answer to every question, as the
 * injury details and as the notes. The fake model then echoes the user's text into the plan's
 * title and notes, as a gullible model would.
 *
 * Then: the plan still passes the checks; every message sent with parse_mode HTML is valid
 * Telegram HTML whose only tags are the bold lines the formatter sets itself (day headings,
 * "Notes", the title), so no markup from the user is live; what the user wrote reads back exactly
 * in the plan; and the LLM request keeps user text inside the JSON data of the user message, with
 * the system prompt untouched.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_PROMPT } from "../../src/llm/prompt.js";
import { checkPlan } from "../../src/plan/checks.js";
import { escapeHtml } from "../../src/plan/render.js";
import { DAY_NAMES } from "../../src/plan/schema.js";
import { userKey } from "../../src/ports.js";
import { goodAnswer } from "../fakes/model.js";
import {
  type FakeOpenAIServer,
  type RecordedRequest,
  startFakeOpenAI,
} from "../fakes/openai-server.js";
import {
  type FakeBotApi,
  type FakeChat,
  type FakeMessage,
  startFakeBotApi,
} from "../fakes/telegram-bot-api.js";
import { parseTelegramHtml } from "../fakes/telegram-html.js";
import { answerUntilSummary, TYPICAL } from "./dialogue.js";
import { finishedPlans, type Rig, startRig } from "./rig.js";

const CORPUS = JSON.parse(
  readFileSync(new URL("./injection-corpus.json", import.meta.url), "utf8"),
) as string[];

/** What the user message of a plan request may hold; user text must not add to it. */
const REQUEST_KEYS = new Set([
  "age",
  "goal",
  "experience",
  "equipment",
  "daysPerWeek",
  "minutes",
  "injuries",
  "injuryNotes",
  "notes",
  "targets",
  "exercises",
  "violations",
  "lastWeek",
]);

/** A gullible model: a good plan, with the user's words as its title and its notes. */
function echoingModel(request: RecordedRequest) {
  const data = JSON.parse(request.body.messages[1]?.content ?? "{}") as Record<string, unknown>;
  const said = [data.injuryNotes, data.notes].filter((text): text is string => !!text);
  const lines = goodAnswer(request).split("\n");
  const title = said[0] ? [`T|${said[0].slice(0, 60)}`] : [];
  return {
    content: [...title, ...lines, ...said.map((text) => `N|${text.slice(0, 280)}`)].join("\n"),
  };
}

let api: FakeBotApi;
let llm: FakeOpenAIServer;
let rig: Rig;
beforeAll(async () => {
  api = await startFakeBotApi();
  llm = await startFakeOpenAI({ respond: echoingModel });
  rig = await startRig(api, {
    env: {
      OPENAI_API_KEY: "sk-test-injection",
      OPENAI_BASE_URL: llm.baseURL,
      OPENAI_MODEL: "gpt-4o-mini",
    },
  });
});
afterAll(async () => {
  await rig?.stop();
  await llm?.close();
  await api?.close();
});

/** What a user sees of a message: tags gone, entities decoded. */
function visible(message: FakeMessage): string {
  if (message.parse_mode !== "HTML") return message.text;
  const parsed = parseTelegramHtml(message.text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.visible;
}

const HEADING = new RegExp(`^(${DAY_NAMES.join("|")}): `);

/** Every tag in an HTML message is a bold line the formatter set: a heading, Notes or the title. */
function expectOnlyOwnMarkup(message: FakeMessage, title: string): void {
  expect(message.parse_mode).toBe("HTML");
  expect(parseTelegramHtml(message.text).ok).toBe(true);
  const tags = [...message.text.matchAll(/<\/?([^\s>/]+)[^>]*>/g)].map((match) => match[1]);
  expect(new Set(tags)).toEqual(new Set(["b"]));
  for (const [, inner = ""] of message.text.matchAll(/<b>(.*?)<\/b>/gs)) {
    const own = HEADING.test(inner) || inner === "Notes" || inner === escapeHtml(title);
    expect(own, `bold text that the formatter did not set: ${inner}`).toBe(true);
  }
}

describe("the injection corpus in every free-text field", () => {
  it.each(CORPUS.map((text, index) => [index, text] as const))(
    "keeps string %i inert: checked plan, escaped markup, user text only in the JSON data",
    async (index, text) => {
      const user = { id: 95_000 + index, first_name: "Mallory" };
      const chat: FakeChat = { id: user.id, type: "private" };
      const requestsBefore = llm.requests.length;

      // Every question gets the string first; the injury details and notes keep it if they can.
      await answerUntilSummary(rig, user, chat, (question, visit) => {
        if (question === 7) return "knees";
        if (question === 8 || question === 10) return visit === 0 ? text : text.slice(0, 150);
        return visit === 0 ? text : TYPICAL[question];
      });
      // And once more at the summary, where the answer must be yes or edit.
      await rig.say(user, chat, text);
      if (!api.botMessages(chat.id).at(-1)?.text.includes("Here is your profile:")) {
        await rig.say(user, chat, "back");
      }
      await rig.say(user, chat, "yes");
      await rig.settle();

      const [entry] = await rig.services.store.listHistory(userKey("telegram", user.id), 5);
      if (!entry) throw new Error(`no plan for: ${api.botMessages(chat.id).at(-1)?.text}`);
      expect(checkPlan(entry.plan, entry.profile)).toEqual([]);

      const plans = finishedPlans(api, chat);
      expect(plans).toHaveLength(1);
      for (const message of api.botMessages(chat.id)) {
        if (message.parse_mode !== undefined) expectOnlyOwnMarkup(message, entry.plan.title);
      }
      const shown = api
        .botMessages(chat.id)
        .filter((message) => message.parse_mode === "HTML")
        .map(visible)
        .join("\n");
      for (const note of entry.plan.notes) expect(shown).toContain(note);
      expect(shown).toContain(entry.plan.title);

      const requests = llm.requests.slice(requestsBefore);
      expect(requests.length).toBeGreaterThan(0);
      expect(JSON.parse(requests[0]?.body.messages[1]?.content ?? "{}").violations).toBeUndefined();
      for (const request of requests) {
        const [system, data, ...rest] = request.body.messages;
        expect(rest).toEqual([]);
        expect(system).toEqual({ role: "system", content: SYSTEM_PROMPT });
        expect(data?.role).toBe("user");
        const fields = JSON.parse(data?.content ?? "") as Record<string, unknown>;
        expect(Object.keys(fields).filter((key) => !REQUEST_KEYS.has(key))).toEqual([]);
        expect(fields.notes ?? "").toBe(entry.profile.notes);
        expect(fields.injuryNotes ?? "").toBe(entry.profile.injuryNotes);
      }
      expect(rig.errors()).toEqual([]);
    },
  );
});
