import { describe, expect, it } from "vitest";
import type { FakeChat, FakeUser } from "../fakes/telegram-bot-api.js";
import { labels, ownerOf, pressIn, question, useHarness } from "./steps.js";

const alice: FakeUser = { id: 301, first_name: "Alice" };
const bob: FakeUser = { id: 302, first_name: "Bob" };
const group: FakeChat = { id: -1_000_300, type: "supergroup", title: "Gym buddies" };

const start = useHarness();

describe("the Telegram bot in a group", () => {
  it("keeps two members' dialogues apart and reads only what is addressed to it", async () => {
    const h = await start();
    h.say(alice, group, "/plan@fake_coach_bot");
    h.say(bob, group, "/plan");
    const aliceAge = await question(h, group, "(1/10)", alice);
    const bobAge = await question(h, group, "(1/10)", bob);

    // Plain chatter, and a command for another bot, are not for us.
    h.say(bob, group, "anyone for a run later?");
    h.say(bob, group, "/plan@other_bot");
    h.say(alice, group, "30", aliceAge);
    await question(h, group, "(2/10)", alice);
    h.say(bob, group, "41", bobAge);
    const bobGoal = await question(h, group, "(2/10)", bob);
    const aliceGoal = await question(h, group, "(2/10)", alice);
    expect(h.api.botMessages(group.id).filter((m) => m.text.includes("(1/10)"))).toHaveLength(2);

    // Bob presses Alice's button: a polite answer, and nothing changes for either.
    const before = h.api.botMessages(group.id).length;
    const foreignData = aliceGoal.reply_markup?.inline_keyboard.flat()[0]?.callback_data ?? "";
    const { id } = h.api.userPresses(bob, aliceGoal, foreignData);
    const foreign = await h.api.waitFor(() => h.api.answer(id)?.answered && h.api.answer(id));
    expect(foreign.text).toMatch(/someone else/);
    expect(h.api.botMessages(group.id)).toHaveLength(before);

    await pressIn(h, alice, aliceGoal, "strength");
    await pressIn(h, bob, bobGoal, "endurance");
    expect(ownerOf(await question(h, group, "(3/10)", alice))).toBe(String(alice.id));
    expect(ownerOf(await question(h, group, "(3/10)", bob))).toBe(String(bob.id));
  });

  it("never echoes injuries in a group and offers a private chat", async () => {
    const h = await start();
    h.say(alice, group, "/plan");
    const answers = ["30", "build muscle", "beginner", "dumbbells", "3", "45"];
    for (const [index, value] of answers.entries()) {
      h.say(alice, group, value, await question(h, group, `(${index + 1}/10)`, alice));
    }
    const injuries = await question(h, group, "(7/10)", alice);
    expect(labels(injuries)).toContain("Continue in private");
    const privateButton = injuries.reply_markup?.inline_keyboard
      .flat()
      .find((b) => !b.callback_data);
    expect(privateButton).toMatchObject({ url: "https://t.me/fake_coach_bot?start=plan" });

    await pressIn(h, alice, injuries, "knees");
    expect(labels(injuries).some((label) => label.startsWith("✓"))).toBe(false);
    await pressIn(h, alice, injuries, "done");
    h.say(alice, group, "old ACL tear", await question(h, group, "(8/10)", alice));
    h.say(alice, group, "kg", await question(h, group, "(9/10)", alice));
    h.say(alice, group, "skip", await question(h, group, "(10/10)", alice));
    const summary = await question(h, group, "Here is your profile:", alice);

    const said = h.api
      .botMessages(group.id)
      .map((m) => m.text)
      .join("\n");
    expect(said).not.toMatch(/Knees|ACL/);
    expect(summary.text).toContain("(private, not shown in a group)");
  });
});
