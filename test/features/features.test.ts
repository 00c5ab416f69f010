import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { REPLY_MAX_CHARS } from "../../src/conversation/types.js";
import { renderDay } from "../../src/plan/render.js";
import { ProfileSchema } from "../../src/profile/schema.js";
import { readSubscription, WEEKLY_INDEX } from "../../src/schedule/subscriptions.js";
import { harness } from "./harness.js";

const profile = ProfileSchema.parse({ age: 40, equipment: ["dumbbells"], daysPerWeek: 3 });

describe("/weekly", () => {
  it("asks the time zone once, then subscribes at the local time", async () => {
    const h = harness();
    const asked = await h.command("weekly", "on fri 7pm");
    expect(asked.last?.text).toMatch(/time zone/);
    const on = await h.type("Europe/Berlin");
    expect(on.turn.replies[0]?.text).toContain("Fridays at 19:00 (Europe/Berlin)");
    // Monday 2026-01-05 09:00 UTC: the first reminder is Friday 19:00 Berlin, 18:00 UTC.
    expect(await h.store.scheduleDue(WEEKLY_INDEX, Date.UTC(2026, 0, 9, 18), 5)).toEqual([
      { member: "telegram:42", dueAt: Date.UTC(2026, 0, 9, 18) },
    ]);

    const again = await h.command("weekly", "on monday 06:30");
    expect(again.turn.replies[0]?.text).toContain("Mondays at 06:30 (Europe/Berlin)");
    const off = await h.command("weekly", "off");
    expect(off.turn.replies[0]?.text).toMatch(/off/);
    expect(await readSubscription(h.store, "telegram:42")).toBeUndefined();
  });

  it("leaves nothing of the subscriber in the reminder index after /forget", async () => {
    const h = harness();
    await h.command("weekly", "on fri 7pm");
    await h.press("UTC");
    const farFuture = Date.UTC(2030, 0, 1);
    expect(await h.store.scheduleDue(WEEKLY_INDEX, farFuture, 5)).toHaveLength(1);

    await h.command("forget");
    expect(await h.store.scheduleDue(WEEKLY_INDEX, farFuture, 5)).toEqual([]);
    expect(await readSubscription(h.store, "telegram:42")).toBeUndefined();
  });

  it("takes UTC from the button, refuses unknown zones, and stays off on platforms it cannot reach", async () => {
    const h = harness();
    await h.command("weekly", "on");
    expect((await h.type("Atlantis/Capital")).turn.replies[0]?.text).toMatch(/don't know/);
    expect((await h.press("UTC")).turn.replies[0]?.text).toContain("Sundays at 18:00 (UTC)");

    const cli = harness("cli:alice");
    expect((await cli.command("weekly", "on")).turn.replies[0]?.text).toMatch(
      /Telegram and Discord/,
    );
  });
});

describe("/export", () => {
  it("sends the latest week as a calendar file that parses, or as Markdown", async () => {
    const h = harness();
    const plan = await h.firstPlan(profile);
    const ics = await h.command("export", "ics");
    expect(ics.turn.file?.name).toBe("fitplan-week-1.ics");
    const calendar = new ICAL.Component(ICAL.parse(ics.turn.file?.content ?? ""));
    const events = calendar.getAllSubcomponents("vevent");
    expect(events).toHaveLength(plan.days.filter((day) => day.kind !== "rest").length);
    // Made on Monday 2026-01-05: day 1 is that Monday.
    expect(String(events[0]?.getFirstPropertyValue("dtstart"))).toBe("2026-01-05");

    await h.command("export");
    const md = await h.press("Markdown (.md)");
    expect(md.turn.file).toMatchObject({ name: "fitplan-week-1.md", mime: "text/markdown" });
    expect(md.turn.file?.content).toContain(`# ${plan.title}`);
  });
});

describe("/history", () => {
  it("shows a long week again in replies that fit every front end", async () => {
    const h = harness();
    const big = ProfileSchema.parse({
      age: 30,
      goal: "strength",
      experience: "advanced",
      equipment: ["full_gym"],
      daysPerWeek: 6,
      minutes: 90,
    });
    const plan = await h.firstPlan(big);
    const shown = await h.send({ kind: "choice", value: "1", ref: "history:1" });
    const texts = shown.turn.replies.map((reply) => reply.text);
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(REPLY_MAX_CHARS);
    for (const day of plan.days) expect(texts.join("\n\n")).toContain(renderDay(day));
  });
});

describe("/replan and /history", () => {
  it("answers stale buttons with a notice, accepts typed answers, and can be cancelled", async () => {
    const h = harness();
    expect((await h.command("replan")).turn.replies[0]?.text).toMatch(/don't have a plan/);
    await h.firstPlan(profile);
    const first = await h.command("replan");
    const staleRef = first.last?.choices?.ref ?? "";
    await h.type("2");
    const stale = await h.send({ kind: "choice", value: "1", ref: staleRef });
    expect(stale.turn.notice).toMatch(/earlier question/);
    expect((await h.type("much too hard")).turn.replies[0]?.text).toMatch(/didn't get that/);
    await h.press("Too hard");
    await h.type("1, 2");
    const profileQuestion = await h.send({ kind: "text", value: "cancel" });
    expect(profileQuestion.turn.replies[0]?.text).toMatch(/Stopped/);
    expect((await h.type("hello")).turn.replies[0]?.text).not.toMatch(/Stopped/);
  });

  it("applies a profile change before writing the next week, and shows any week again", async () => {
    const h = harness();
    await h.firstPlan(profile);
    await h.command("replan");
    await h.press("3");
    await h.press("About right");
    await h.press("None");
    await h.press("Session length");
    await h.type("30");
    const { plan } = await h.press("Keep everything");
    expect(plan?.days.every((day) => day.minutes <= 30)).toBe(true);
    expect(ProfileSchema.parse(await h.store.getProfile("telegram:42")).minutes).toBe(30);

    const shown = await h.command("history", "1");
    expect(shown.turn.replies[0]?.text).toMatch(/^Week 1, made 5 Jan 2026/);
    expect((await h.command("history", "7")).turn.replies[0]?.text).toMatch(/no week 7/);
  });
});
