import { describe, expect, it } from "vitest";
import { type ConversationState, initialState, loadState } from "../../src/conversation/state.js";
import { step } from "../../src/conversation/step.js";
import type { Input, StepContext, StepResult } from "../../src/conversation/types.js";
import { MESSAGES } from "../../src/messages.js";
import { type Profile, ProfileSchema } from "../../src/profile/schema.js";

const solo: StepContext = { group: false };
const text = (value: string): Input => ({ kind: "text", value });
const command = (value: string): Input => ({ kind: "command", value });

/** Feeds inputs in order and returns every result. */
function run(inputs: Input[], context: StepContext = solo, from = initialState()): StepResult[] {
  const results: StepResult[] = [];
  let state: ConversationState = from;
  for (const input of inputs) {
    const result = step(state, input, context);
    results.push(result);
    state = result.state;
  }
  return results;
}

function last(results: StepResult[]): StepResult {
  const result = results.at(-1);
  if (!result) throw new Error("no results");
  return result;
}

const FULL_ANSWERS = ["34", "muscle", "intermediate", "dumbbells, bench", "3", "45", "knees"];
const TAIL = ["sore after running", "kg", "skip"];

describe("conversation step", () => {
  it("asks every question in order and ends with a summary", () => {
    const results = run([command("start"), ...[...FULL_ANSWERS, ...TAIL].map(text)]);
    const questions = results.map((result) => result.state.field ?? result.state.mode);
    expect(questions).toEqual([
      "age",
      "goal",
      "experience",
      "equipment",
      "daysPerWeek",
      "minutes",
      "injuries",
      "injuryNotes",
      "units",
      "notes",
      "summary",
    ]);
    const summary = last(results).replies[0]?.text ?? "";
    expect(summary).toContain("Build muscle");
    expect(summary).toContain("Knees");
    expect(summary).toContain("45 min");
  });

  it("skips the injury details question when there is no injury", () => {
    const results = run([command("start"), ...["30", "2", "1", "1", "3", "30", "none"].map(text)]);
    expect(last(results).state.field).toBe("units");
  });

  it("confirming the summary yields a valid profile to plan with", () => {
    const results = run([command("start"), ...[...FULL_ANSWERS, ...TAIL, "yes"].map(text)]);
    const action = last(results).action;
    expect(action?.type).toBe("make_plan");
    const profile = action?.profile as Profile;
    expect(ProfileSchema.parse(profile)).toEqual(profile);
    expect(profile).toMatchObject({
      age: 34,
      goal: "muscle",
      equipment: ["bench", "bodyweight", "dumbbells"],
      daysPerWeek: 3,
      minutes: 45,
      injuries: ["knees"],
      injuryNotes: "sore after running",
      notes: "",
    });
    expect(last(results).state.mode).toBe("idle");
  });

  it("re-asks an invalid answer with the reason and keeps the question", () => {
    const results = run([command("start"), text("34"), text("become a wizard")]);
    const result = last(results);
    expect(result.state.field).toBe("goal");
    expect(result.replies[0]?.text).toContain(MESSAGES.notSure);
    expect(result.replies[0]?.text).toContain("What is your main goal?");
  });

  it("refuses users under 13 kindly and ends the dialogue", () => {
    const result = last(run([command("start"), text("11")]));
    expect(result.replies[0]?.text).toBe(MESSAGES.underAge);
    expect(result.state.mode).toBe("idle");
    expect(result.state.answers).toEqual({});
  });

  it("goes back one question and keeps earlier answers", () => {
    const results = run([command("start"), text("34"), text("muscle"), text("back")]);
    const result = last(results);
    expect(result.state.field).toBe("goal");
    expect(result.state.answers).toMatchObject({ age: 34, goal: "muscle" });
    const again = step(result.state, text("strength"), solo);
    expect(again.state.field).toBe("experience");
    expect(again.state.answers).toMatchObject({ goal: "strength" });
  });

  it("says there is nothing before the first question", () => {
    const result = last(run([command("start"), text("back")]));
    expect(result.state.field).toBe("age");
    expect(result.replies[0]?.text).toContain(MESSAGES.firstQuestion);
  });

  it("cancels at any step and restarts from the first question", () => {
    const cancelled = last(run([command("start"), text("34"), text("cancel")]));
    expect(cancelled.state.mode).toBe("idle");
    expect(cancelled.replies[0]?.text).toBe(MESSAGES.cancelled);

    const restarted = last(run([command("start"), text("34"), text("2"), command("restart")]));
    expect(restarted.state.field).toBe("age");
    expect(restarted.state.answers).toEqual({});
  });

  it("toggles multi-select buttons and finishes with Done", () => {
    const atEquipment = last(run([command("start"), ...["34", "1", "1"].map(text)]));
    const ref = atEquipment.replies[0]?.choices?.ref ?? "";
    const press = (value: string): Input => ({ kind: "choice", value, ref });
    const results = run(
      [press("dumbbells"), press("bench"), press("bench"), press("done")],
      solo,
      atEquipment.state,
    );
    expect(
      results[1]?.replies[0]?.choices?.options.filter((option) => option.selected),
    ).toHaveLength(2);
    expect(last(results).state.answers.equipment).toEqual(["bodyweight", "dumbbells"]);
    expect(last(results).state.field).toBe("daysPerWeek");
  });

  it("asks for a pick when Done is pressed with nothing ticked", () => {
    const atEquipment = last(run([command("start"), ...["34", "1", "1"].map(text)]));
    const ref = atEquipment.replies[0]?.choices?.ref ?? "";
    const result = step(atEquipment.state, { kind: "choice", value: "done", ref }, solo);
    expect(result.state.field).toBe("equipment");
    expect(result.replies[0]?.text).toContain(MESSAGES.pickAtLeastOne);
  });

  it("makes 'none' exclusive among injuries", () => {
    const atInjuries = last(run([command("start"), ...["34", "1", "1", "1", "3", "45"].map(text)]));
    const ref = atInjuries.replies[0]?.choices?.ref ?? "";
    const press = (value: string): Input => ({ kind: "choice", value, ref });
    const afterNone = last(run([press("knees"), press("none")], solo, atInjuries.state));
    expect(afterNone.state.picks).toEqual(["none"]);
    const afterKnees = step(afterNone.state, press("wrists"), solo);
    expect(afterKnees.state.picks).toEqual(["wrists"]);
  });

  it("ignores a stale button and changes nothing", () => {
    const first = last(run([command("start")]));
    const staleRef = first.replies[0]?.choices?.ref ?? "";
    const later = last(run([text("34")], solo, first.state));
    const result = step(later.state, { kind: "choice", value: "3", ref: staleRef }, solo);
    expect(result.notice).toBe(MESSAGES.staleButton);
    expect(result.state).toEqual(later.state);
    expect(result.replies).toEqual([]);
  });

  it("edits one answer from the summary without redoing the rest", () => {
    const atSummary = last(run([command("start"), ...[...FULL_ANSWERS, ...TAIL].map(text)]));
    const results = run([text("edit"), text("Days per week"), text("5")], solo, atSummary.state);
    const result = last(results);
    expect(result.state.mode).toBe("summary");
    expect(result.state.answers).toMatchObject({ daysPerWeek: 5, goal: "muscle", age: 34 });
  });

  it("shows the saved profile on /profile and plans from it on confirm", () => {
    const profile = ProfileSchema.parse({ age: 40, goal: "strength", daysPerWeek: 4 });
    const shown = step(initialState(), command("profile"), { group: false, profile });
    expect(shown.state.mode).toBe("summary");
    const ref = shown.replies.at(-1)?.choices?.ref ?? "";
    const confirmed = step(
      shown.state,
      { kind: "choice", value: "confirm", ref },
      { group: false, profile },
    );
    expect(confirmed.action).toEqual({ type: "make_plan", profile });
  });

  it("hides injuries from the summary in a group", () => {
    const group: StepContext = { group: true };
    const result = last(run([command("start"), ...[...FULL_ANSWERS, ...TAIL].map(text)], group));
    const summary = result.replies[0]?.text ?? "";
    expect(summary).not.toContain("Knees");
    expect(summary).not.toContain("sore after running");
    expect(summary).toContain(MESSAGES.hiddenInGroup);
  });

  it("skips questions answered up front and asks only what is missing", () => {
    const result = step(
      initialState(),
      { kind: "command", value: "plan", fields: { age: 25, goal: "endurance", daysPerWeek: 9 } },
      solo,
    );
    expect(result.state.field).toBe("experience");
    expect(result.replies[0]?.text).toContain("Days per week");
    expect(result.state.answers).toMatchObject({ age: 25, goal: "endurance" });
  });

  it("goes straight to the summary when every required answer is given", () => {
    const fields = {
      age: 25,
      goal: "endurance",
      experience: "beginner",
      equipment: ["bodyweight"],
      daysPerWeek: 3,
      minutes: 30,
      injuries: ["none"],
    };
    const result = step(initialState(), { kind: "command", value: "plan", fields }, solo);
    expect(result.state.mode).toBe("summary");
  });

  it("starts over from corrupt stored state instead of failing", () => {
    expect(loadState({ mode: "nonsense" })).toEqual(initialState());
  });
});
