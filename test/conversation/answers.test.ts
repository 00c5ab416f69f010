import { describe, expect, it } from "vitest";
import { parseAnswer, parseNumber } from "../../src/conversation/answers.js";
import { fieldSpec } from "../../src/profile/schema.js";

describe("parseNumber", () => {
  it.each([
    ["3", 3],
    ["3 days", 3],
    ["45 min", 45],
    ["three", 3],
    ["forty-five", 45],
    ["twenty one", 21],
    ["an hour", 60],
    ["1.5 hours", 90],
    ["half an hour", 30],
    ["I'm 34", 34],
  ])("reads %j as %d", (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });

  it("returns undefined when there is no number", () => {
    expect(parseNumber("lots")).toBeUndefined();
  });
});

describe("parseAnswer", () => {
  it("accepts a choice by label, value, number or synonym", () => {
    const goal = fieldSpec("goal");
    expect(parseAnswer(goal, "Build muscle")).toEqual({ ok: true, value: "muscle" });
    expect(parseAnswer(goal, "fat_loss")).toEqual({ ok: true, value: "fat_loss" });
    expect(parseAnswer(goal, "2")).toEqual({ ok: true, value: "muscle" });
    expect(parseAnswer(goal, "I want to lose weight")).toEqual({ ok: true, value: "fat_loss" });
  });

  it("rejects an unknown choice with a hint", () => {
    const result = parseAnswer(fieldSpec("goal"), "become a wizard");
    expect(result.ok).toBe(false);
  });

  it("reads a multi-select list by names and numbers, adding bodyweight", () => {
    expect(parseAnswer(fieldSpec("equipment"), "dumbbells and a bench")).toEqual({
      ok: true,
      value: ["bench", "bodyweight", "dumbbells"],
    });
    expect(parseAnswer(fieldSpec("equipment"), "2, 4")).toEqual({
      ok: true,
      value: ["bench", "bodyweight", "dumbbells"],
    });
  });

  it("drops 'none' when a real injury is also given", () => {
    expect(parseAnswer(fieldSpec("injuries"), "bad knees, none")).toEqual({
      ok: true,
      value: ["knees"],
    });
  });

  it("validates numbers against the field's range", () => {
    expect(parseAnswer(fieldSpec("daysPerWeek"), "8 days").ok).toBe(false);
    expect(parseAnswer(fieldSpec("minutes"), "an hour")).toEqual({ ok: true, value: 60 });
    expect(parseAnswer(fieldSpec("minutes"), "10").ok).toBe(false);
  });

  it("lets optional text be skipped and strips invisible characters", () => {
    expect(parseAnswer(fieldSpec("notes"), "skip")).toEqual({ ok: true, value: "" });
    expect(parseAnswer(fieldSpec("notes"), "I play\u200b tennis\u0007")).toEqual({
      ok: true,
      value: "I play tennis",
    });
  });

  it("refuses text over the field's limit", () => {
    const result = parseAnswer(fieldSpec("injuryNotes"), "x".repeat(201));
    expect(result).toEqual({ ok: false, reason: "Please keep it under 200 characters." });
  });
});
