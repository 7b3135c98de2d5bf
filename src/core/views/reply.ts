/**
 * Platform-neutral output of every command. Renderers turn a Reply into
 * plain text (shell), Block Kit (Slack), Adaptive Cards (Teams) or HTML.
 * Every string here is inert text that each renderer escapes for its
 * surface, keeping only limited emphasis: *bold*, _italic_, `code`. A
 * mention, a channel link or a hyperlink exists only where the core put one
 * with views/references.ts.
 */
import type { Form } from "./form.js";

export type Tone = "ok" | "warn" | "bad";

/** A button runs a command, exactly as if its words had been typed. */
export interface Button {
  label: string;
  command: string;
  style?: "primary" | "danger";
}

export type Block =
  | { kind: "heading"; text: string }
  | { kind: "text"; text: string }
  | { kind: "fields"; items: [label: string, value: string][] }
  | { kind: "table"; columns: string[]; rows: string[][] }
  | { kind: "progress"; label: string; ratio: number; tone?: Tone }
  | { kind: "list"; items: string[] }
  | { kind: "image"; alt: string; png: Uint8Array }
  /** A file to hand over (a CSV export): uploaded in Slack, written to disk in the shell. */
  | { kind: "file"; name: string; title: string; mediaType: string; bytes: Uint8Array }
  | { kind: "actions"; buttons: Button[] }
  | { kind: "context"; text: string };

export interface Reply {
  blocks: Block[];
  /** "channel" replies are for the whole team (a new critical risk); "private" only for the sender. */
  visibility: "private" | "channel";
  /** One line used for notifications and logs. */
  summary: string;
  /** Whether the command did what it was asked; false for rejected input. */
  ok: boolean;
  /** Present when the command needs input: adapters open it as a modal, dialog or HTML form. */
  form?: Form;
}

export const heading = (text: string): Block => ({ kind: "heading", text });
export const text = (value: string): Block => ({ kind: "text", text: value });
export const fields = (items: [string, string][]): Block => ({ kind: "fields", items });
export const table = (columns: string[], rows: string[][]): Block => ({ kind: "table", columns, rows });
export const progress = (label: string, ratio: number, tone?: Tone): Block => ({ kind: "progress", label, ratio, tone });
export const list = (items: string[]): Block => ({ kind: "list", items });
export const actions = (buttons: Button[]): Block => ({ kind: "actions", buttons });
export const image = (alt: string, png: Uint8Array): Block => ({ kind: "image", alt, png });
export const file = (name: string, title: string, mediaType: string, bytes: Uint8Array): Block => ({
  kind: "file",
  name,
  title,
  mediaType,
  bytes,
});
export const contextLine = (value: string): Block => ({ kind: "context", text: value });

/** A successful answer; private unless the team should see it. */
export function reply(summary: string, blocks: Block[], visibility: Reply["visibility"] = "private"): Reply {
  return { ok: true, summary, blocks, visibility };
}

/** A rejected command: always private, never a stack trace. */
export function rejection(summary: string, blocks: Block[] = [text(summary)], form?: Form): Reply {
  return { ok: false, summary, blocks, visibility: "private", ...(form ? { form } : {}) };
}
