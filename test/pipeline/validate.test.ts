import { describe, expect, it } from "vitest";
import { MESSAGES } from "../../src/messages.js";
import { validateProfile } from "../../src/pipeline/validate.js";

describe("validateProfile", () => {
  it("fills in defaults for a minimal profile", () => {
    const result = validateProfile({ age: 30 });
    expect(result).toMatchObject({
      ok: true,
      profile: { age: 30, goal: "general", daysPerWeek: 3, minutes: 45, injuries: ["none"] },
    });
  });

  it("lists every bad field, one entry each", () => {
    const result = validateProfile({ age: 30, goal: "flying", minutes: 500 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.field).sort()).toEqual(["goal", "minutes"]);
    expect(result.message).toContain("- goal:");
  });

  it("refuses a child kindly and still lists the other bad fields", () => {
    const result = validateProfile({ age: 10, goal: "flying" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toBe(MESSAGES.underAge);
    expect(result.issues).toEqual(
      expect.arrayContaining([
        { field: "age", message: "must be at least 13" },
        expect.objectContaining({ field: "goal" }),
      ]),
    );
  });
});
