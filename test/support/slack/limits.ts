/**
 * The Block Kit limits Slack enforces on messages and views, answered with
 * Slack's own error shape (`invalid_blocks` / `invalid_arguments` with
 * "[ERROR] ... [json-pointer:...]" messages), so tests catch a reply that
 * would be refused in production. Only the limits Charter can run into are
 * checked; see shared/notes/platform-limits.md.
 */

export interface LimitError {
  error: string;
  messages: string[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const textOf = (value: unknown): string | undefined => (isObject(value) && typeof value.text === "string" ? value.text : undefined);

class Problems {
  readonly messages: string[] = [];
  maxItems(list: unknown, max: number, pointer: string): void {
    if (Array.isArray(list) && list.length > max) this.messages.push(`[ERROR] no more than ${max} items allowed [json-pointer:${pointer}]`);
  }
  maxChars(value: unknown, max: number, pointer: string): void {
    if (typeof value === "string" && value.length > max)
      this.messages.push(`[ERROR] must be less than ${max + 1} characters [json-pointer:${pointer}]`);
  }
}

function checkElement(element: unknown, pointer: string, problems: Problems): void {
  if (!isObject(element)) return;
  problems.maxChars(element.action_id, 255, `${pointer}/action_id`);
  if (element.type === "button") problems.maxChars(textOf(element.text), 75, `${pointer}/text/text`);
  problems.maxItems(element.options, 100, `${pointer}/options`);
  problems.maxItems(element.option_groups, 100, `${pointer}/option_groups`);
}

function checkBlocks(blocks: unknown, max: number, pointer: string, problems: Problems): void {
  if (!Array.isArray(blocks)) return;
  problems.maxItems(blocks, max, pointer);
  blocks.forEach((block, i) => {
    if (!isObject(block)) return;
    const at = `${pointer}/${i}`;
    problems.maxChars(block.block_id, 255, `${at}/block_id`);
    switch (block.type) {
      case "section":
        problems.maxChars(textOf(block.text), 3000, `${at}/text/text`);
        problems.maxItems(block.fields, 10, `${at}/fields`);
        if (Array.isArray(block.fields))
          block.fields.forEach((field, j) => problems.maxChars(textOf(field), 2000, `${at}/fields/${j}/text`));
        checkElement(block.accessory, `${at}/accessory`, problems);
        break;
      case "header":
        problems.maxChars(textOf(block.text), 150, `${at}/text/text`);
        break;
      case "actions":
        problems.maxItems(block.elements, 25, `${at}/elements`);
        if (Array.isArray(block.elements)) block.elements.forEach((el, j) => checkElement(el, `${at}/elements/${j}`, problems));
        break;
      case "context":
        problems.maxItems(block.elements, 10, `${at}/elements`);
        break;
      case "input":
        problems.maxChars(textOf(block.label), 2000, `${at}/label/text`);
        checkElement(block.element, `${at}/element`, problems);
        break;
    }
  });
}

/** chat.postMessage / postEphemeral / update and response_url bodies. */
export function checkMessage(args: Json): LimitError | undefined {
  const problems = new Problems();
  checkBlocks(args.blocks, 50, "/blocks", problems);
  return problems.messages.length > 0 ? { error: "invalid_blocks", messages: problems.messages } : undefined;
}

/** The `view` of views.open / push / update / publish. */
export function checkView(view: unknown): LimitError | undefined {
  if (!isObject(view)) return { error: "invalid_arguments", messages: ["[ERROR] missing required field: view"] };
  if (JSON.stringify(view).length > 250_000) return { error: "view_too_large", messages: [] };
  const problems = new Problems();
  checkBlocks(view.blocks, 100, "/view/blocks", problems);
  for (const part of ["title", "submit", "close"] as const) problems.maxChars(textOf(view[part]), 24, `/view/${part}/text`);
  problems.maxChars(view.private_metadata, 3000, "/view/private_metadata");
  problems.maxChars(view.callback_id, 255, "/view/callback_id");
  problems.maxChars(view.external_id, 255, "/view/external_id");
  return problems.messages.length > 0 ? { error: "invalid_arguments", messages: problems.messages } : undefined;
}
