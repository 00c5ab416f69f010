/**
 * The other slash commands reach the coach as commands.
 */
import { afterEach, describe, expect, it } from "vitest";
import { FEATURE_MESSAGES } from "../../src/features/messages.js";
import { MESSAGES } from "../../src/messages.js";
import { type Harness, type Member, startHarness } from "./harness.js";

const ALICE: Member = { id: "400000000000000001", name: "alice" };
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("forwarded commands", () => {
  it("answers /help with the coach's help, ephemerally", async () => {
    harness = await startHarness();
    await harness.command(ALICE, "help");
    expect(harness.latest().content).toBe(MESSAGES.help);
    expect(harness.latest().flags).toBe(64);
  });

  it("answers /replan before any plan with how to make the first one", async () => {
    harness = await startHarness();
    await harness.command(ALICE, "replan");
    expect(harness.latest().content).toBe(FEATURE_MESSAGES.replanNoPlan);
  });

  it("deletes the member's data on /forget", async () => {
    harness = await startHarness();
    await harness.store.setJson(`weekly:discord:${ALICE.id}`, { on: true });
    await harness.command(ALICE, "forget");
    expect(harness.latest().content).toBe(MESSAGES.forgotten);
    expect(await harness.store.getJson(`weekly:discord:${ALICE.id}`)).toBeUndefined();
  });
});
