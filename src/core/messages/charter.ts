/** How the project charter reads in chat, and the bits its three commands share. */
import { z } from "zod";
import { DateTime } from "luxon";
import { CHARTER_PARTS, partValue, type CharterContent } from "../domain/charter.js";
import { memberZone } from "../domain/quiet-hours.js";
import type { CharterVersion, Member } from "../store.js";
import { contextLine, fields, list, text, type Block } from "../views/reply.js";
import { at, joinWords } from "../commands/shared.js";

/** `v2`, `V2` or `2` -> 2. */
export const versionField = () =>
  z.string().transform((value, ctx): number => {
    const m = /^v?(\d{1,6})$/i.exec(value.trim());
    if (!m || Number(m[1]) < 1) {
      ctx.addIssue({ code: "custom", message: `\`${value}\` is not a charter version. Write it like v2.` });
      return z.NEVER;
    }
    return Number(m[1]);
  });

export const versionParam = { at: "slot", name: "version", type: "text", label: "version", placeholder: "v<n>" } as const;

/** A date and time in the reader's zone: "Mon 2 Mar 2026 10:00". */
export const when = (instant: Date, reader: Pick<Member, "timeZone">): string =>
  DateTime.fromJSDate(instant).setZone(memberZone(reader.timeZone)).setLocale("en-GB").toFormat("ccc d LLL yyyy HH:mm");

/** Every part of the charter; empty parts say so, so the gaps are visible. */
export function charterBlocks(content: CharterContent): Block[] {
  const blocks: Block[] = [];
  const short: [string, string][] = [];
  for (const part of CHARTER_PARTS) {
    const value = partValue(content, part.key);
    if (typeof value === "string") {
      short.push([part.label, value || "—"]);
    } else if (value.length === 0) {
      short.push([part.label, "—"]);
    } else {
      blocks.push(text(`*${part.label}*`), list(value));
    }
  }
  if (short.length) blocks.push(fields(short));
  return blocks;
}

/** "Approved by @carol (Mon 2 Mar 2026 10:00). Waiting for @dave." */
export function approvalLine(
  charter: CharterVersion,
  approverIds: readonly string[],
  people: ReadonlyMap<string, Member>,
  reader: Pick<Member, "timeZone">,
): Block {
  const approved = charter.approvals.map((a) => `${at(people.get(a.memberId))} (${when(a.approvedAt, reader)})`);
  const approvedIds = new Set(charter.approvals.map((a) => a.memberId));
  const waiting = approverIds.filter((id) => !approvedIds.has(id)).map((id) => at(people.get(id)));
  const parts = [approved.length ? `Approved by ${joinWords(approved)}.` : "Not approved yet."];
  if (waiting.length) parts.push(`Waiting for ${joinWords(waiting)}.`);
  return contextLine(parts.join(" "));
}
