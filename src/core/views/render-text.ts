/**
 * Reply -> plain text, for the shell and for notification fallbacks.
 * Pure: the same Reply always renders the same string. Nothing in a
 * terminal is live: references read as @name, #channel and label (url).
 */
import type { Form } from "./form.js";
import { plainReferences as words } from "./references.js";
import type { Block, Reply } from "./reply.js";

const BAR_WIDTH = 20;

function pad(value: string, width: number): string {
  return value + " ".repeat(Math.max(0, width - [...value].length));
}

export function progressBar(ratio: number, width = BAR_WIDTH): string {
  const clamped = Number.isFinite(ratio) ? Math.min(Math.max(ratio, 0), 1) : 0;
  const filled = Math.round(clamped * width);
  return "█".repeat(filled) + "░".repeat(width - filled);
}

function renderTable(columns: string[], rows: string[][]): string[] {
  const widths = columns.map((c, i) => Math.max([...c].length, ...rows.map((r) => [...(r[i] ?? "")].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(columns), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)];
}

/** Chat markdown (*bold*, _italic_) reads as noise in a terminal; words like snake_case are left alone. */
export function plain(text: string): string {
  return text.replace(/(^|[\s(])([*_])([^*_\n]+?)\2(?=$|[\s.,;:!?)])/g, "$1$3");
}

/** The block with every string spelled out as plain words. */
function plainBlock(block: Block): Block {
  switch (block.kind) {
    case "heading":
    case "text":
    case "context":
      return { ...block, text: words(block.text) };
    case "fields":
      return { ...block, items: block.items.map(([label, value]): [string, string] => [words(label), words(value)]) };
    case "table":
      return { ...block, columns: block.columns.map(words), rows: block.rows.map((row) => row.map(words)) };
    case "progress":
      return { ...block, label: words(block.label) };
    case "list":
      return { ...block, items: block.items.map(words) };
    case "image":
      return { ...block, alt: words(block.alt) };
    case "file":
      return { ...block, name: words(block.name), title: words(block.title) };
    case "actions":
      return { ...block, buttons: block.buttons.map((b) => ({ ...b, label: words(b.label), command: words(b.command) })) };
  }
}

function renderBlock(given: Block): string[] {
  const block = plainBlock(given);
  switch (block.kind) {
    case "heading":
      return [block.text, "═".repeat(Math.min([...block.text].length, 60))];
    case "text":
      return [plain(block.text)];
    case "fields": {
      const width = Math.max(...block.items.map(([label]) => [...label].length));
      return block.items.map(([label, value]) => `${pad(label + ":", width + 1)} ${value}`);
    }
    case "table":
      return renderTable(block.columns, block.rows);
    case "progress":
      return [`${block.label} ${progressBar(block.ratio)} ${Math.round(block.ratio * 100)}%`];
    case "list":
      return block.items.map((item) => `• ${plain(item)}`);
    case "image":
      return [`[image: ${block.alt}]`];
    case "file":
      return [`[file: ${block.name}]`];
    case "actions":
      return [block.buttons.map((b) => `[${b.label}: ${b.command}]`).join("  ")];
    case "context":
      return [plain(block.text)];
  }
}

export function renderFormText(form: Form): string[] {
  const lines = [`${words(form.title)} — fill in:`];
  for (const field of form.fields) {
    const error = form.errors?.[field.name];
    const options = field.options ? ` (${field.options.map((o) => words(o.label)).join(", ")})` : "";
    lines.push(`  ${words(field.label)}${field.required ? " (required)" : ""}${options}${error ? ` — ${words(error)}` : ""}`);
  }
  return lines;
}

export interface RenderTextOptions {
  /** A line to print instead of a block, as it is: the shell's "Chart saved to /path/burn.png". */
  lines?: ReadonlyMap<Block, string>;
}

export function renderText(reply: Reply, options: RenderTextOptions = {}): string {
  const sections = reply.blocks.map((b) => options.lines?.get(b) ?? renderBlock(b).join("\n"));
  if (reply.form) sections.push(renderFormText(reply.form).join("\n"));
  return sections.join("\n");
}
