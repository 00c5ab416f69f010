import { describe, expect, it } from "vitest";
import { createSequencer } from "../../adapters/telegram/sequence.js";

function later<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

describe("the per-chat sequencer", () => {
  it("runs one chat's work in arrival order, even when the first is slowest", async () => {
    const chats = createSequencer();
    const done: string[] = [];
    await Promise.all([
      chats.run("a", async () => done.push(await later(30, "a1"))),
      chats.run("a", async () => done.push(await later(1, "a2"))),
      chats.run("a", async () => done.push(await later(1, "a3"))),
    ]);
    expect(done).toEqual(["a1", "a2", "a3"]);
  });

  it("does not make one chat wait for another", async () => {
    const chats = createSequencer();
    const done: string[] = [];
    await Promise.all([
      chats.run("a", async () => done.push(await later(30, "a"))),
      chats.run("b", async () => done.push(await later(1, "b"))),
    ]);
    expect(done).toEqual(["b", "a"]);
  });

  it("goes on with a chat's next work after a failure, and passes the failure on", async () => {
    const chats = createSequencer();
    const failed = chats.run("a", async () => {
      throw new Error("boom");
    });
    const next = chats.run("a", async () => "next");
    await expect(failed).rejects.toThrow("boom");
    await expect(next).resolves.toBe("next");
  });
});
