/**
 * The other slash commands reach the coach as commands, and /replan says honestly that it is
 * not there yet when no feature answers it.
 */
import { afterEach, describe, expect, it } from "vitest";
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

  it("says re-plans are coming when /replan has no feature behind it", async () => {
    harness = await startHarness();
    await harness.command(ALICE, "replan");
    expect(harness.latest().content).toBe(MESSAGES.replanSoon);
  });

  it("deletes the member's data on /forget", async () => {
    harness = await startHarness();
    await harness.store.setJson(`weekly:discord:${ALICE.id}`, { on: true });
    await harness.command(ALICE, "forget");
    expect(harness.latest().content).toBe(MESSAGES.forgotten);
    expect(await harness.store.getJson(`weekly:discord:${ALICE.id}`)).toBeUndefined();
  });
});
