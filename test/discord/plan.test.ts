/**
 * /plan end to end on the real discord.js client against the fake Discord: the dialogue through
 * select menus, a modal and confirm; the plan streamed by editing the reply; the finished plan in
 * pieces that fit Discord's 2000 characters; and /plan with every option given.
 */
import { ApplicationCommandOptionType, MessageFlags } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { renderPlan } from "../../src/plan/render.js";
import type { FakeMessage } from "../fakes/discord-api.js";
import { type Harness, idOf, type Member, startHarness } from "./harness.js";

const ALICE: Member = { id: "400000000000000001", name: "alice" };
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** The finished texts of an interaction's messages, without whitespace, for comparing. */
function squash(text: string): string {
  return text.replace(/\s+/g, "");
}

async function finishedPlanText(h: Harness, user: string): Promise<string> {
  const [latest] = await h.store.listHistory(`discord:${user}`, 1);
  if (!latest) throw new Error("no plan was saved");
  return renderPlan(latest.plan);
}

describe("the Discord /plan dialogue", () => {
  it("asks through selects, a modal and confirm, then streams the plan in pieces of at most 2000 characters", async () => {
    harness = await startHarness();
    const h = harness;

    const commandToken = await h.command(ALICE, "plan");
    const [first] = h.api.callbacks();
    expect(first?.type).toBe(4);
    expect(first?.data.flags).toBe(MessageFlags.Ephemeral);
    let dialogue = h.latest();
    expect(dialogue.content).toContain("How old are you?");

    // The age is typed: the button opens a modal as the press's first and only response.
    await h.press(ALICE, dialogue, idOf(dialogue, { button: "Type a number" }));
    const modal = h.api.callbacks().at(-1);
    expect(modal?.type).toBe(9);
    const modalId = String(modal?.data.custom_id);
    await h.submitModal(ALICE, dialogue, modalId, "34");
    expect(h.api.callbacks().at(-1)?.type).toBe(7);

    const pick = async (values: string[]) => {
      dialogue = h.latest();
      await h.select(ALICE, dialogue, idOf(dialogue, "select"), values);
      dialogue = h.latest();
    };
    const press = async (label: string) => {
      dialogue = h.latest();
      await h.press(ALICE, dialogue, idOf(dialogue, { button: label }));
      dialogue = h.latest();
    };

    expect(h.latest().content).toContain("main goal");
    await pick(["muscle"]);
    expect(dialogue.content).toContain("training experience");
    await pick(["advanced"]);
    expect(dialogue.content).toContain("equipment");
    await pick(["full_gym", "bench"]);
    expect(dialogue.content).toContain("days a week");
    await pick(["6"]);
    expect(dialogue.content).toContain("How long");
    await pick(["90"]);
    expect(dialogue.content).toContain("injuries");
    await pick(["none"]);
    expect(dialogue.content).toContain("units");
    await press("Skip");
    expect(dialogue.content).toContain("Anything else");
    await press("Skip");
    expect(dialogue.content).toContain("Here is your profile");
    expect(dialogue.content).toContain("Full gym");

    await press("Make my plan");
    const planToken = h.api.callbacks().at(-1)?.token ?? "";
    expect(planToken).not.toBe(commandToken);
    const pieces = h.api.interactionMessages(planToken);
    const plan = await finishedPlanText(h, ALICE.id);

    // Streamed: the reply showed growing text with a stage line before its final text.
    const original = pieces[0] as FakeMessage;
    expect(original.history.length).toBeGreaterThan(2);
    expect(original.history.some((text) => text.startsWith("Step "))).toBe(true);
    expect(plan.length).toBeGreaterThan(2_000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      for (const text of piece.history) expect(text.length).toBeLessThanOrEqual(2_000);
      expect(piece.content.startsWith("Step ")).toBe(false);
    }
    expect(squash(pieces.map((piece) => piece.content).join(""))).toBe(squash(plan));

    // Follow-ups are ephemeral too; the last piece carries the share button, and only it.
    for (const piece of pieces.slice(1)) expect(piece.flags & MessageFlags.Ephemeral).toBeTruthy();
    expect(idOf(pieces.at(-1) as FakeMessage, { button: "Share to channel" })).toMatch(
      /^fp\|share/,
    );
    for (const piece of pieces.slice(0, -1)) expect(piece.components).toEqual([]);
  });

  it("skips the dialogue when /plan gives every answer as options", async () => {
    harness = await startHarness();
    const h = harness;
    const S = ApplicationCommandOptionType.String;
    const I = ApplicationCommandOptionType.Integer;

    const token = await h.command(ALICE, "plan", [
      { name: "age", type: I, value: 41 },
      { name: "goal", type: S, value: "strength" },
      { name: "experience", type: S, value: "intermediate" },
      { name: "equipment", type: S, value: "barbell, bench, dumbbells" },
      { name: "days_per_week", type: I, value: 3 },
      { name: "minutes", type: I, value: 60 },
      { name: "injuries", type: S, value: "knees" },
      { name: "injury_notes", type: S, value: "old meniscus tear" },
      { name: "units", type: S, value: "lb" },
      { name: "notes", type: S, value: "I cycle at weekends" },
    ]);

    expect(h.api.callbacks()).toHaveLength(1);
    const profile = await h.store.getProfile(`discord:${ALICE.id}`);
    expect(profile).toMatchObject({
      age: 41,
      goal: "strength",
      equipment: ["barbell", "bench", "bodyweight", "dumbbells"],
      injuries: ["knees"],
      injuryNotes: "old meniscus tear",
      units: "lb",
    });
    const pieces = h.api.interactionMessages(token);
    const plan = await finishedPlanText(h, ALICE.id);
    expect(squash(pieces.map((piece) => piece.content).join(""))).toBe(squash(plan));
    expect(pieces.every((piece) => !piece.history.some((text) => text.includes("How old")))).toBe(
      true,
    );
  });

  it("asks only what the options left out, starting at the first missing answer", async () => {
    harness = await startHarness();
    const h = harness;
    await h.command(ALICE, "plan", [
      { name: "age", type: ApplicationCommandOptionType.Integer, value: 29 },
      { name: "goal", type: ApplicationCommandOptionType.String, value: "endurance" },
    ]);
    expect(h.latest().content).toContain("training experience");
    expect(h.api.callbacks()).toHaveLength(1);
  });

  it("shows why an option was not accepted and asks that question again", async () => {
    harness = await startHarness();
    const h = harness;
    await h.command(ALICE, "plan", [
      { name: "age", type: ApplicationCommandOptionType.Integer, value: 29 },
      { name: "equipment", type: ApplicationCommandOptionType.String, value: "a spaceship" },
      { name: "goal", type: ApplicationCommandOptionType.String, value: "general" },
      { name: "experience", type: ApplicationCommandOptionType.String, value: "beginner" },
    ]);
    const shown = h.latest().content;
    expect(shown).toContain("Sorry, I didn't get that.");
    expect(shown).toContain("What equipment");
  });
});
