import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { choiceData, nextStepsKeyboard, readPress } from "../../adapters/telegram/keyboard.js";
import { createMemoryStore } from "../../src/store/memory.js";

describe("callback data", () => {
  it("always fits Telegram's 64 bytes and reads back as the same press", async () => {
    const store = createMemoryStore();
    const owner = fc.integer({ min: 1, max: 2 ** 52 });
    const text = fc.string({ unit: "grapheme", maxLength: 80 });
    await fc.assert(
      fc.asyncProperty(owner, text, text, async (user, ref, value) => {
        const data = await choiceData(store, user, ref, value);
        expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
        expect(await readPress(store, data)).toEqual({
          owner: user,
          input: { kind: "choice", ref, value },
        });
      }),
    );
  });

  it("turns the next-step buttons into commands", async () => {
    const store = createMemoryStore();
    const buttons = nextStepsKeyboard(7).inline_keyboard.flat();
    const presses = await Promise.all(
      buttons.map((button) =>
        readPress(store, "callback_data" in button ? button.callback_data : ""),
      ),
    );
    expect(presses.map((press) => press?.input)).toEqual([
      { kind: "command", value: "swap" },
      { kind: "command", value: "replan" },
      { kind: "command", value: "profile" },
    ]);
  });

  it("reads data it did not write as nothing", async () => {
    const store = createMemoryStore();
    for (const data of ["", "x", "c|abc|1|a", "h|5|unknownhash", "n|5|rm -rf"]) {
      expect(await readPress(store, data)).toBeUndefined();
    }
  });
});
