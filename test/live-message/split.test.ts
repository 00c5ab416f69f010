import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cutText, splitText } from "../../src/live-message/index.js";

describe("cutText", () => {
  it("prefers a blank line that leaves the head at least half full", () => {
    const text = `${"a".repeat(60)}\n\n${"b".repeat(20)}\n${"c".repeat(40)}`;
    expect(cutText(text, 100).head).toBe("a".repeat(60));
  });

  it("falls back to a line break when the blank line is early", () => {
    const text = `${"a".repeat(10)}\n\n${"b".repeat(70)}\n${"c".repeat(40)}`;
    expect(cutText(text, 100).head).toBe(`${"a".repeat(10)}\n\n${"b".repeat(70)}`);
  });

  it("never cuts a surrogate pair when one line is longer than the budget", () => {
    const text = `${"a".repeat(9)}💪${"b".repeat(10)}`;
    const cut = cutText(text, 10);
    expect(cut.head).toBe("a".repeat(9));
    expect(text.slice(cut.restAt).startsWith("💪")).toBe(true);
  });
});

describe("splitText", () => {
  it("keeps every line whole and every piece within the budget", () => {
    const line = fc.string({ minLength: 1, maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, " "));
    const lines = fc.array(fc.oneof(line, fc.constant("")), { minLength: 1, maxLength: 80 });
    fc.assert(
      fc.property(lines, (parts) => {
        const text = parts.join("\n").trim();
        const pieces = splitText(text, 100);
        for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(100);
        const kept = (s: string) =>
          s
            .split("\n")
            .map((l) => l.trimEnd())
            .filter(Boolean);
        expect(pieces.flatMap(kept)).toEqual(kept(text));
      }),
    );
  });
});
