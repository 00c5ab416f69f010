/**
 * How a plan reaches Discord when Discord pushes back: a 429 with retry_after is waited out and
 * the finished text still lands once; a stream that outlives the interaction token finishes in a
 * direct message.
 */
import { ApplicationCommandOptionType } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { DISCORD_TEXT } from "../../adapters/discord/messages.js";
import { renderPlan } from "../../src/plan/render.js";
import { type Harness, type Member, startHarness } from "./harness.js";

const ALICE: Member = { id: "400000000000000001", name: "alice" };
const S = ApplicationCommandOptionType.String;
const I = ApplicationCommandOptionType.Integer;
const EVERY_ANSWER = [
  { name: "age", type: I, value: 30 },
  { name: "goal", type: S, value: "muscle" },
  { name: "experience", type: S, value: "advanced" },
  { name: "equipment", type: S, value: "full_gym" },
  { name: "days_per_week", type: I, value: 6 },
  { name: "minutes", type: I, value: 90 },
  { name: "injuries", type: S, value: "none" },
];
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const squash = (text: string) => text.replace(/\s+/g, "");

async function savedPlan(h: Harness): Promise<string> {
  const [latest] = await h.store.listHistory(`discord:${ALICE.id}`, 1);
  if (!latest) throw new Error("no plan was saved");
  return renderPlan(latest.plan);
}

describe("streaming a plan to Discord", () => {
  it("waits out a 429 on an edit and still delivers every piece exactly once", async () => {
    harness = await startHarness();
    const h = harness;
    h.api.rateLimitNext({ method: "PATCH", path: /\/messages\/@original$/, retryAfter: 0.05 });
    h.api.rateLimitNext({ method: "POST", path: /^\/webhooks\/\d+\/[^/]+$/, retryAfter: 0.05 });

    const token = await h.command(ALICE, "plan", EVERY_ANSWER);

    const limited = h.api.requests.filter((request) => request.status === 429);
    expect(limited.map((request) => request.method)).toEqual(["PATCH", "POST"]);
    for (const request of limited) {
      const retried = h.api.requests.slice(h.api.requests.indexOf(request) + 1);
      expect(retried.some((r) => r.path === request.path && r.status === 200)).toBe(true);
    }
    const pieces = h.api.interactionMessages(token);
    expect(squash(pieces.map((piece) => piece.content).join(""))).toBe(squash(await savedPlan(h)));
    const followUps = h.api.requests.filter((r) => r.method === "POST" && r.path.includes(token));
    expect(followUps.filter((r) => r.status === 200)).toHaveLength(pieces.length - 1);
  });

  it("finishes in a direct message when the interaction token runs out mid-stream", async () => {
    let skewMs = 0;
    harness = await startHarness({ clock: () => Date.now() + skewMs });
    const h = harness;
    let token = "";
    h.api.onRequest = (request) => {
      const callback = /^\/interactions\/\d+\/([^/]+)\/callback$/.exec(request.path);
      if (callback) token = callback[1] ?? "";
      else if (request.method === "PATCH" && request.path.endsWith(`${token}/messages/@original`)) {
        // The first streamed edit landed; from now on it is 16 minutes later.
        skewMs = 16 * 60_000;
        h.api.expireToken(token);
      }
    };

    await h.command(ALICE, "plan", EVERY_ANSWER);

    expect(h.api.requests.filter((request) => request.status === 401)).toEqual([]);
    expect(h.api.requests.some((r) => r.path === "/users/@me/channels")).toBe(true);
    const direct = h.api.messages.filter((message) => message.where.startsWith("channel:"));
    expect(direct[0]?.content).toBe(DISCORD_TEXT.movedToDm);
    const plan = direct
      .slice(1)
      .map((message) => message.content)
      .join("");
    expect(squash(plan)).toBe(squash(await savedPlan(h)));
    for (const message of direct) expect(message.content.length).toBeLessThanOrEqual(2_000);
  });
});
