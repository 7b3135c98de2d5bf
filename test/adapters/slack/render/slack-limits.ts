/**
 * Every Block Kit limit a rendered message or modal must respect, checked
 * independently of the renderer: returns the violations, so a failing
 * property shows exactly what broke.
 */
import type { KnownBlock, SlackMessage, SlackModal } from "../../../../src/adapters/slack/render/index.js";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function utf8(value: string): number {
  return new TextEncoder().encode(value).length;
}

/** Every string anywhere in a payload, with its JSON path. */
function strings(value: unknown, path = "$"): [string, string][] {
  if (typeof value === "string") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

function text(problems: string[], where: string, value: string | undefined, max: number): void {
  if (value === undefined) {
    problems.push(`${where}: missing text`);
    return;
  }
  if (value.trim() === "") problems.push(`${where}: empty text`);
  if (value.length > max) problems.push(`${where}: ${value.length} > ${max} characters`);
}

function wellFormed(problems: string[], payload: unknown): void {
  for (const [path, s] of strings(payload)) {
    if (LONE_SURROGATE.test(s)) problems.push(`${path}: lone surrogate`);
    if (CONTROL.test(s)) problems.push(`${path}: control character`);
  }
}

function block(problems: string[], b: KnownBlock, where: string, actionIds: Set<string>): void {
  if ("block_id" in b && b.block_id !== undefined && (b.block_id.length === 0 || b.block_id.length > 255))
    problems.push(`${where}: block_id length ${b.block_id.length}`);
  switch (b.type) {
    case "header":
      if (b.text.type !== "plain_text") problems.push(`${where}: header must be plain_text`);
      text(problems, `${where}.header`, b.text.text, 150);
      break;
    case "section":
      if (!b.text && !b.fields?.length) problems.push(`${where}: section without text or fields`);
      if (b.text) text(problems, `${where}.text`, b.text.text, 3000);
      if (b.fields && b.fields.length > 10) problems.push(`${where}: ${b.fields.length} fields > 10`);
      b.fields?.forEach((f, i) => text(problems, `${where}.fields[${i}]`, f.text, 2000));
      break;
    case "context":
      if (!b.elements.length || b.elements.length > 10) problems.push(`${where}: ${b.elements.length} context elements`);
      b.elements.forEach((e, i) => ("text" in e ? text(problems, `${where}.elements[${i}]`, e.text, 3000) : undefined));
      break;
    case "actions":
      if (!b.elements.length || b.elements.length > 25) problems.push(`${where}: ${b.elements.length} actions elements`);
      b.elements.forEach((e, i) => {
        const at = `${where}.elements[${i}]`;
        if (e.type !== "button") return (problems.push(`${at}: not a button`), undefined);
        text(problems, `${at}.text`, e.text.text, 75);
        if (e.value !== undefined && (e.value.length === 0 || e.value.length > 2000))
          problems.push(`${at}: value length ${e.value.length}`);
        if (e.style !== undefined && e.style !== "primary" && e.style !== "danger") problems.push(`${at}: style ${String(e.style)}`);
        const id = e.action_id ?? "";
        if (!/^charter_run_\d+$/.test(id) || id.length > 255) problems.push(`${at}: action_id ${id}`);
        if (actionIds.has(id)) problems.push(`${at}: duplicate action_id ${id}`);
        actionIds.add(id);
      });
      break;
    default:
      problems.push(`${where}: unexpected block type ${b.type}`);
  }
}

export const MESSAGE_BUDGET = 12_000;

export function messageProblems(message: SlackMessage, index = 0): string[] {
  const problems: string[] = [];
  const where = `message ${index + 1}`;
  text(problems, `${where}.text`, message.text, 40_000);
  if (message.blocks.length > 50) problems.push(`${where}: ${message.blocks.length} blocks > 50`);
  const size = JSON.stringify(message.blocks).length;
  if (size > MESSAGE_BUDGET) problems.push(`${where}: blocks JSON ${size} > ${MESSAGE_BUDGET}`);
  problems.push(...blocksProblems(message.blocks, where));
  wellFormed(problems, message);
  return problems;
}

/** Each block within its own limits, and action_ids unique across the blocks. */
export function blocksProblems(blocks: readonly KnownBlock[], where = "view"): string[] {
  const problems: string[] = [];
  const actionIds = new Set<string>();
  blocks.forEach((b, i) => block(problems, b, `${where}.blocks[${i}]`, actionIds));
  wellFormed(problems, blocks);
  return problems;
}

export const VIEW_BUDGET = 150_000;

export function modalProblems(view: SlackModal): string[] {
  const problems: string[] = [];
  if (view.type !== "modal") problems.push("not a modal");
  if (view.callback_id !== "charter_form") problems.push(`callback_id ${view.callback_id}`);
  text(problems, "title", view.title.text, 24);
  text(problems, "submit", view.submit?.text, 24);
  text(problems, "close", view.close?.text, 24);
  if ((view.private_metadata ?? "").length > 3000) problems.push("private_metadata > 3000");
  if (!view.blocks.length || view.blocks.length > 100) problems.push(`${view.blocks.length} blocks`);
  const size = utf8(JSON.stringify(view));
  if (size > VIEW_BUDGET) problems.push(`view is ${size} bytes > ${VIEW_BUDGET}`);
  const blockIds = new Set<string>();
  view.blocks.forEach((b, i) => {
    const where = `blocks[${i}]`;
    if (b.type === "context") {
      if (!b.elements.length || b.elements.length > 10) problems.push(`${where}: ${b.elements.length} context elements`);
      b.elements.forEach((e, k) => ("text" in e ? text(problems, `${where}.elements[${k}]`, e.text, 3000) : undefined));
      return;
    }
    if (b.type !== "input") return (problems.push(`${where}: unexpected ${b.type}`), undefined);
    const id = b.block_id ?? "";
    if (!id || id.length > 255) problems.push(`${where}: block_id length ${id.length}`);
    if (blockIds.has(id)) problems.push(`${where}: duplicate block_id ${id}`);
    blockIds.add(id);
    text(problems, `${where}.label`, b.label.text, 2000);
    if (b.hint) text(problems, `${where}.hint`, b.hint.text, 2000);
    const e = b.element;
    const actionId = "action_id" in e ? (e.action_id ?? "") : "";
    if (!actionId || actionId.length > 255) problems.push(`${where}: action_id length ${actionId.length}`);
    if ("placeholder" in e && e.placeholder) text(problems, `${where}.placeholder`, e.placeholder.text, 150);
    if (e.type === "plain_text_input" && e.initial_value !== undefined && e.initial_value.length > 3000)
      problems.push(`${where}: initial_value too long`);
    if (e.type === "number_input" && e.initial_value !== undefined && !/^-?\d+(\.\d+)?$/.test(e.initial_value))
      problems.push(`${where}: number initial ${e.initial_value}`);
    if (e.type === "datepicker" && e.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(e.initial_date))
      problems.push(`${where}: date initial ${e.initial_date}`);
    if (e.type === "static_select") {
      const options = e.options ?? [];
      if (!options.length || options.length > 100) problems.push(`${where}: ${options.length} options`);
      const values = new Set<string>();
      options.forEach((o, k) => {
        text(problems, `${where}.options[${k}].text`, o.text.text, 75);
        const v = o.value ?? "";
        if (!v || v.length > 150) problems.push(`${where}.options[${k}]: value length ${v.length}`);
        if (values.has(v)) problems.push(`${where}.options[${k}]: duplicate value`);
        values.add(v);
      });
      const initial = e.initial_option;
      if (initial && !options.some((o) => o.value === initial.value && o.text.text === initial.text.text)) {
        problems.push(`${where}: initial_option is not one of the options`);
      }
    }
  });
  wellFormed(problems, view);
  return problems;
}
