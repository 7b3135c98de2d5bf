import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { directMessage, formatQuietHours, memberQuietUntil, parseQuietHours, quietUntil } from "../../../src/core/domain/quiet-hours.js";

const utc = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });
const member = (quietHours: string, timeZone: string | null = "Europe/Berlin") => ({ platformUserId: "U1", timeZone, quietHours });

describe("quiet hours", () => {
  it("reads HH:mm-HH:mm windows, empty for none, and refuses the rest", () => {
    expect(parseQuietHours("22:00-07:00")).toEqual({ from: 22 * 60, until: 7 * 60 });
    expect(parseQuietHours("9:30-12:00")).toEqual({ from: 9 * 60 + 30, until: 12 * 60 });
    expect(parseQuietHours("")).toBeNull();
    for (const bad of ["22:00", "25:00-07:00", "22:00-22:00", "22:00-07:00-08:00", "evening"]) expect(parseQuietHours(bad)).toBeUndefined();
    expect(formatQuietHours(parseQuietHours("7:05-9:00")!)).toBe("07:05-09:00");
  });

  it("holds a message inside a window that wraps midnight until its end in the person's zone", () => {
    const late = memberQuietUntil(member("22:00-07:00"), utc("2026-06-15T21:30:00Z")); // 23:30 Berlin
    expect(late?.toISO()).toBe("2026-06-16T05:00:00.000Z"); // 07:00 Berlin
    const early = memberQuietUntil(member("22:00-07:00"), utc("2026-06-16T03:00:00Z")); // 05:00 Berlin
    expect(early?.toISO()).toBe("2026-06-16T05:00:00.000Z");
    expect(memberQuietUntil(member("22:00-07:00"), utc("2026-06-16T05:00:00Z"))).toBeNull(); // 07:00 sharp
    expect(memberQuietUntil(member("22:00-07:00"), utc("2026-06-15T19:59:00Z"))).toBeNull(); // 21:59
  });

  it("handles a daytime window and no window at all", () => {
    expect(memberQuietUntil(member("12:00-13:00"), utc("2026-06-15T10:15:00Z"))?.toISO()).toBe("2026-06-15T11:00:00.000Z"); // 12:15 Berlin
    expect(memberQuietUntil(member("12:00-13:00"), utc("2026-06-15T22:00:00Z"))).toBeNull();
    expect(memberQuietUntil(member(""), utc("2026-06-15T01:00:00Z"))).toBeNull();
  });

  it("treats an unreadable stored value as the default window, not as never quiet", () => {
    expect(memberQuietUntil(member("garbage"), utc("2026-06-15T21:00:00Z"))?.toISO()).toBe("2026-06-16T06:00:00.000Z"); // 08:00 Berlin
  });

  it("ends at the local time after a daylight-saving change", () => {
    // The night Berlin moves to summer time (2026-03-29): 07:00 local is 05:00Z, not 06:00Z.
    expect(memberQuietUntil(member("22:00-07:00"), utc("2026-03-28T22:30:00Z"))?.toISO()).toBe("2026-03-29T05:00:00.000Z");
  });

  it("makes direct messages with notBefore only when held", () => {
    const held = directMessage(member("22:00-07:00"), utc("2026-06-15T21:30:00Z"), {
      kind: "reminder",
      dedupeKey: "k",
      reply: { ok: true, summary: "s", blocks: [], visibility: "private" },
    });
    expect(held).toMatchObject({ channelId: "U1", kind: "reminder", dedupeKey: "k" });
    expect(held.notBefore?.toISOString()).toBe("2026-06-16T05:00:00.000Z");
    const now = directMessage(member(""), utc("2026-06-15T21:30:00Z"), { kind: "reminder", dedupeKey: "k", reply: held.reply });
    expect(now.notBefore).toBeUndefined();
  });

  it("never holds a message into the past, and the end is always outside the window", () => {
    const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }));
    fc.assert(
      fc.property(
        clock,
        clock,
        fc.date({ min: new Date("2026-01-01T00:00:00Z"), max: new Date("2027-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"),
        ([fh, fm], [uh, um], instant, zone) => {
          const window = { from: fh * 60 + fm, until: uh * 60 + um };
          fc.pre(window.from !== window.until);
          const now = DateTime.fromJSDate(instant, { zone: "utc" });
          const end = quietUntil(now, zone, window);
          if (!end) return;
          expect(end > now).toBe(true);
          // Within a day, and no longer inside the window once it ends.
          expect(end.diff(now, "hours").hours).toBeLessThanOrEqual(25);
          expect(quietUntil(end, zone, window)).toBeNull();
        },
      ),
      { numRuns: 500 },
    );
  });
});
