/**
 * "Share to channel": the finished plan goes to the channel for everyone, once, without health
 * details, and only its owner can share it.
 */
import { ApplicationCommandOptionType, MessageFlags } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import type { FakeMessage } from "../fakes/discord-api.js";
import { type Harness, idOf, type Member, startHarness } from "./harness.js";

const ALICE: Member = { id: "400000000000000001", name: "alice" };
const BOB: Member = { id: "400000000000000002", name: "bob" };
const S = ApplicationCommandOptionType.String;
const I = ApplicationCommandOptionType.Integer;
const WITH_INJURY = [
  { name: "age", type: I, value: 52 },
  { name: "goal", type: S, value: "general" },
  { name: "experience", type: S, value: "beginner" },
  { name: "equipment", type: S, value: "dumbbells" },
  { name: "days_per_week", type: I, value: 3 },
  { name: "minutes", type: I, value: 45 },
  { name: "injuries", type: S, value: "knees, lower_back" },
  { name: "injury_notes", type: S, value: "torn meniscus in 2019" },
  { name: "notes", type: S, value: "tennis on sundays" },
];
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function planWithShareButton(h: Harness): Promise<FakeMessage> {
  const token = await h.command(ALICE, "plan", WITH_INJURY);
  const last = h.api.interactionMessages(token).at(-1);
  if (!last) throw new Error("no plan message");
  return last;
}

describe("sharing a plan", () => {
  it("posts the plan publicly, without injury details, and only once per channel", async () => {
    harness = await startHarness();
    const h = harness;
    const last = await planWithShareButton(h);
    const [saved] = await h.store.listHistory(`discord:${ALICE.id}`, 1);
    expect(saved?.plan.notes.join(" ")).toMatch(/knee|back/i);

    await h.press(ALICE, last, idOf(last, { button: "Share to channel" }));
    const shareToken = h.api.callbacks().at(-1)?.token ?? "";
    // The share's own messages, not the ephemeral plan message the button sits on.
    const posted = h.api.messages.filter((message) => message.where === `token:${shareToken}`);
    expect(h.api.callbacks().at(-1)?.type).toBe(4);
    expect(posted.length).toBeGreaterThan(0);
    for (const message of posted) {
      expect(message.flags & MessageFlags.Ephemeral).toBe(0);
      expect(message.content.length).toBeLessThanOrEqual(2_000);
      expect(message.content).not.toMatch(/meniscus|knee|lower back|injur/i);
    }
    expect(posted[0]?.content).toContain(`<@${ALICE.id}> shared their weekly plan`);
    const shareCall = h.api.requests.find((r) => r.path.includes(shareToken));
    expect((shareCall?.body?.data ?? {}) as { allowed_mentions?: unknown }).toMatchObject({
      allowed_mentions: {
        parse: [],
      },
    });

    await h.press(ALICE, last, idOf(last, { button: "Share to channel" }));
    const again = h.api.callbacks().at(-1);
    expect(again?.data.flags).toBe(MessageFlags.Ephemeral);
    expect(String(again?.data.content)).toContain("already shared");
  });

  it("refuses to share someone else's plan", async () => {
    harness = await startHarness();
    const h = harness;
    const last = await planWithShareButton(h);
    await h.press(BOB, last, idOf(last, { button: "Share to channel" }));
    const refusal = h.api.callbacks().at(-1);
    expect(refusal?.data.flags).toBe(MessageFlags.Ephemeral);
    expect(String(refusal?.data.content)).toContain("someone else's");
  });

  it("offers no share button in a direct message", async () => {
    harness = await startHarness({ dm: true });
    const h = harness;
    const token = await h.command(ALICE, "plan", WITH_INJURY);
    const pieces = h.api.interactionMessages(token);
    expect(pieces.length).toBeGreaterThan(0);
    for (const piece of pieces) expect(piece.components).toEqual([]);
  });
});
