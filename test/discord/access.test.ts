/**
 * Who may do what, and answering in time: a foreign member's press is refused politely, the
 * admin command needs Manage Server, and slow work is deferred before Discord's 3 seconds pass.
 */
import { ApplicationCommandOptionType, MessageFlags } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { reminderKey } from "../../adapters/discord/admin.js";
import { FAKE_APP_ID } from "../fakes/discord-api.js";
import {
  ADMIN_PERMISSIONS,
  CHANNEL_ID,
  GUILD_ID,
  type Harness,
  idOf,
  type Member,
  startHarness,
} from "./harness.js";

const ALICE: Member = { id: "400000000000000001", name: "alice" };
const BOB: Member = { id: "400000000000000002", name: "bob" };
const ADMIN: Member = { id: "400000000000000003", name: "admin", permissions: ADMIN_PERMISSIONS };
const REMINDER_CHANNEL = "300000000000000009";
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function channelOption() {
  return {
    name: "channel",
    type: ApplicationCommandOptionType.Channel,
    value: REMINDER_CHANNEL,
  };
}

describe("component ownership", () => {
  it("refuses another member's press with an ephemeral note and leaves the dialogue alone", async () => {
    harness = await startHarness();
    const h = harness;
    await h.command(ALICE, "plan");
    const dialogue = h.latest();
    const before = await h.store.getState(`discord:${ALICE.id}`);

    await h.press(BOB, dialogue, idOf(dialogue, { button: "Cancel" }));

    const refusal = h.api.callbacks().at(-1);
    expect(refusal?.type).toBe(4);
    expect(refusal?.data.flags).toBe(MessageFlags.Ephemeral);
    expect(String(refusal?.data.content)).toContain("someone else's");
    expect(await h.store.getState(`discord:${ALICE.id}`)).toEqual(before);
    expect(await h.store.getState(`discord:${BOB.id}`)).toBeUndefined();
  });

  it("lets the owner press the same button", async () => {
    harness = await startHarness();
    const h = harness;
    await h.command(ALICE, "plan");
    const dialogue = h.latest();
    await h.press(ALICE, dialogue, idOf(dialogue, { button: "Cancel" }));
    expect(h.api.callbacks().at(-1)?.type).toBe(7);
    expect(h.latest().content).toContain("Stopped");
  });
});

describe("the 3-second deadline", () => {
  it("defers a command whose work outlasts the deadline, then edits the answer in", async () => {
    harness = await startHarness({ deferAfterMs: 0 });
    const h = harness;
    const token = await h.command(ALICE, "plan");

    const [callback] = h.api.callbacks();
    expect(callback?.type).toBe(5);
    expect(callback?.data.flags).toBe(MessageFlags.Ephemeral);
    const edits = h.api.requests.filter((request) => request.method === "PATCH");
    expect(edits[0]?.path).toBe(`/webhooks/${FAKE_APP_ID}/${token}/messages/@original`);
    expect(h.latest().content).toContain("How old are you?");
  });

  it("defers a press as an update, keeping the pressed message until the answer is ready", async () => {
    harness = await startHarness({ deferAfterMs: 0 });
    const h = harness;
    await h.command(ALICE, "plan");
    const dialogue = h.latest();
    await h.press(ALICE, dialogue, idOf(dialogue, { button: "Cancel" }));
    expect(h.api.callbacks().at(-1)?.type).toBe(6);
    expect(h.latest().content).toContain("Stopped");
  });
});

describe("/fitplan-admin", () => {
  it("refuses a member without Manage Server and stores nothing", async () => {
    harness = await startHarness();
    const h = harness;
    await h.command(ALICE, "fitplan-admin", [], {
      name: "reminder-channel",
      options: [channelOption()],
    });

    const answer = h.api.callbacks().at(-1);
    expect(answer?.data.flags).toBe(MessageFlags.Ephemeral);
    expect(String(answer?.data.content)).toContain("Manage Server");
    expect(await h.store.getJson(reminderKey(GUILD_ID))).toBeUndefined();
  });

  it("sets and clears the reminder channel for an admin", async () => {
    harness = await startHarness();
    const h = harness;
    await h.command(ADMIN, "fitplan-admin", [], {
      name: "reminder-channel",
      options: [channelOption()],
    });
    expect(await h.store.getJson(reminderKey(GUILD_ID))).toMatchObject({
      channelId: REMINDER_CHANNEL,
      setBy: ADMIN.id,
    });
    expect(String(h.api.callbacks().at(-1)?.data.content)).toContain(`<#${REMINDER_CHANNEL}>`);

    await h.command(ADMIN, "fitplan-admin", [], { name: "reminders-off" });
    expect(await h.store.getJson(reminderKey(GUILD_ID))).toBeUndefined();
    expect(CHANNEL_ID).not.toBe(REMINDER_CHANNEL);
  });
});
