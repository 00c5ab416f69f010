import { describe, expect, it } from "vitest";
import { nextDue, parseWhen, weekOf } from "../../src/schedule/when.js";
import { localTime, offsetAt, parseZone, toInstant } from "../../src/schedule/zone.js";

describe("parseZone", () => {
  it("accepts IANA names, UTC and offsets, and names them canonically", () => {
    expect(parseZone("Europe/Berlin")).toEqual({ ok: true, zone: "Europe/Berlin" });
    expect(parseZone(" utc ")).toEqual({ ok: true, zone: "UTC" });
    expect(parseZone("UTC+2")).toEqual({ ok: true, zone: "UTC+02:00" });
    expect(parseZone("gmt-5:30")).toEqual({ ok: true, zone: "UTC-05:30" });
    expect(parseZone("+0")).toEqual({ ok: true, zone: "UTC" });
  });

  it("refuses unknown names and impossible offsets", () => {
    expect(parseZone("Mars/Olympus").ok).toBe(false);
    expect(parseZone("UTC+15").ok).toBe(false);
    expect(parseZone("UTC+2:75").ok).toBe(false);
    expect(parseZone("tomorrow").ok).toBe(false);
  });
});

describe("zone arithmetic", () => {
  it("follows daylight saving time in Berlin", () => {
    const winter = Date.UTC(2026, 0, 15, 12);
    const summer = Date.UTC(2026, 6, 15, 12);
    expect(offsetAt("Europe/Berlin", winter)).toBe(60);
    expect(offsetAt("Europe/Berlin", summer)).toBe(120);
    expect(localTime("Europe/Berlin", summer)).toMatchObject({ hour: 14, minute: 0 });
    expect(toInstant("Europe/Berlin", { year: 2026, month: 7, day: 15, hour: 14, minute: 0 })).toBe(
      summer,
    );
  });

  it("moves a time skipped by the spring change to the far side of the gap", () => {
    // Berlin jumps from 02:00 to 03:00 on 2026-03-29.
    const at = toInstant("Europe/Berlin", { year: 2026, month: 3, day: 29, hour: 2, minute: 30 });
    expect(localTime("Europe/Berlin", at)).toMatchObject({ hour: 3, minute: 30 });
  });
});

describe("parseWhen", () => {
  it("reads a day and a time in either order, with defaults", () => {
    expect(parseWhen([])).toEqual({ ok: true, when: { day: 7, time: "18:00" } });
    expect(parseWhen(["fri", "7pm"])).toEqual({ ok: true, when: { day: 5, time: "19:00" } });
    expect(parseWhen(["07:30", "Tuesday"])).toEqual({ ok: true, when: { day: 2, time: "07:30" } });
    expect(parseWhen(["sat", "12", "am"])).toEqual({ ok: true, when: { day: 6, time: "00:00" } });
  });

  it("names the word it could not read", () => {
    expect(parseWhen(["t", "9:00"])).toEqual({ ok: false, bad: "t" });
    expect(parseWhen(["mon", "25:00"])).toEqual({ ok: false, bad: "25:00" });
  });
});

describe("nextDue", () => {
  it("finds the next local weekday and time, strictly after the given instant", () => {
    const thursday = Date.UTC(2026, 11, 3, 16, 0); // Thursday 2026-12-03, 17:00 in Berlin
    const due = nextDue({ day: 7, time: "18:00" }, "Europe/Berlin", thursday);
    expect(due).toBe(Date.UTC(2026, 11, 6, 17, 0));
    expect(nextDue({ day: 7, time: "18:00" }, "Europe/Berlin", due)).toBe(
      Date.UTC(2026, 11, 13, 17, 0),
    );
    expect(nextDue({ day: 4, time: "18:00" }, "UTC+02:00", thursday)).toBe(
      Date.UTC(2026, 11, 10, 16, 0),
    );
  });

  it("keeps local time across a daylight saving change", () => {
    const due = nextDue({ day: 1, time: "09:00" }, "Europe/Berlin", Date.UTC(2026, 2, 27));
    expect(due).toBe(Date.UTC(2026, 2, 30, 7, 0));
    expect(weekOf("Europe/Berlin", due)).toBe("2026-W14");
  });
});
