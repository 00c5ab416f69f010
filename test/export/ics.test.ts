import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { isoWeek, mondayOnOrAfter } from "../../src/export/dates.js";
import { escapeText, foldLine, planToIcs } from "../../src/export/ics.js";
import { planToMarkdown } from "../../src/export/markdown.js";
import { samplePlan } from "./fixtures.js";

const start = { year: 2026, month: 3, day: 2 };
const options = { week: 4, start, stamp: Date.UTC(2026, 1, 27, 10, 30), uidSeed: "abc" };

describe("planToIcs", () => {
  it("parses with ical.js into one event per training or recovery day", () => {
    const text = planToIcs(samplePlan(), options);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent));

    expect(events.map((event) => event.startDate.toString())).toEqual([
      "2026-03-02",
      "2026-03-04",
      "2026-03-06",
    ]);
    expect(events.every((event) => event.startDate.isDate)).toBe(true);
    expect(new Set(events.map((event) => event.uid)).size).toBe(3);
    expect(events[0]?.summary).toBe("Full body A (Monday, week 4)");
    expect(events[2]?.summary).toBe("Full body B – Übungen (Friday, week 4)");
  });

  it("keeps commas, semicolons, backslashes and line breaks in the description", () => {
    const calendar = new ICAL.Component(ICAL.parse(planToIcs(samplePlan(), options)));
    const first = new ICAL.Event(calendar.getAllSubcomponents("vevent")[0]);
    expect(first.description).toContain("Warm-up: 5 min brisk walk; Arm circles, leg swings\n");
    expect(first.description).toContain("keep the chest up \\ tall");
    expect(first.description).toContain("3. Plank: 3 × 30 s, rest 45 s, RPE 7");
    const stamp = calendar.getFirstSubcomponent("vevent")?.getFirstPropertyValue("dtstamp");
    expect(String(stamp)).toBe("2026-02-27T10:30:00Z");
  });

  it("ends every line with CRLF and keeps each within 75 octets", () => {
    const text = planToIcs(samplePlan(), options);
    expect(text.endsWith("\r\n")).toBe(true);
    const lines = text.split("\r\n").slice(0, -1);
    expect(lines.every((line) => !line.includes("\n"))).toBe(true);
    expect(lines.every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(lines.some((line) => line.startsWith(" "))).toBe(true);
  });
});

describe("foldLine and escapeText", () => {
  it("never splits a multi-byte character and unfolds to the original", () => {
    const line = `DESCRIPTION:${"Übung ✓ ".repeat(30)}`;
    const folded = foldLine(line);
    expect(folded.split("\r\n").every((piece) => Buffer.byteLength(piece) <= 75)).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
  });

  it("escapes the four special characters of TEXT values", () => {
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
  });
});

describe("dates", () => {
  it("finds the Monday a plan starts on and the ISO week", () => {
    expect(mondayOnOrAfter({ year: 2026, month: 2, day: 26 })).toEqual(start);
    expect(mondayOnOrAfter(start)).toEqual(start);
    expect(isoWeek({ year: 2021, month: 1, day: 3 })).toBe("2020-W53");
    expect(isoWeek({ year: 2026, month: 12, day: 31 })).toBe("2026-W53");
    expect(isoWeek(start)).toBe("2026-W10");
  });
});

describe("planToMarkdown", () => {
  it("writes a dated heading per day and escapes table cells", () => {
    const plan = samplePlan();
    const first = plan.days[0];
    if (first?.exercises[0]) first.exercises[0].notes = "left | right";
    const text = planToMarkdown(plan, { week: 4, start });
    expect(text).toContain("# Full body, 3 days; week one");
    expect(text).toContain("## Monday 2026-03-02: Full body A (about 40 min)");
    expect(text).toContain("## Tuesday 2026-03-03: Rest");
    expect(text).toContain("| 1 | Goblet squat | 3 | 8-12 | 90 s | RIR 2 | left \\| right |");
    expect(text).toContain("- Stop any exercise that hurts.");
  });
});
