/** What `charter outbox` prints: queued and delivered messages, newest first. */
import type { OutboxRow } from "../store/repositories/outbox.js";

export interface OutboxListItem {
  id: string;
  platform: string;
  channel: string;
  kind: string;
  text: string;
  status: string;
  createdAt: string;
}

export function toListItem(row: OutboxRow): OutboxListItem {
  return {
    id: row.id,
    platform: row.platform,
    channel: row.channelId,
    kind: row.kind,
    text: row.text,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  };
}

const MAX_LINE = 80;

function firstLine(text: string): string {
  const line =
    text
      .split("\n")
      .find((l) => l.trim())
      ?.trim() ?? "";
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line;
}

/** One line per message: platform, channel, kind, status, created, first line of text ("↳" before a thread reply's). */
export function formatOutbox(rows: OutboxRow[]): string {
  if (!rows.length) return "The outbox is empty.";
  const cells = rows.map((r) => [
    r.platform,
    r.channelId,
    r.kind,
    r.status,
    r.createdAt.toISOString(),
    `${r.threadKey ? "↳ " : ""}${firstLine(r.text)}`,
  ]);
  const widths = cells[0]!.slice(0, -1).map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  return cells
    .map((c) =>
      c
        .map((cell, i) => (i < widths.length ? cell.padEnd(widths[i]!) : cell))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
