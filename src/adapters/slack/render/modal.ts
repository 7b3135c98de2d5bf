/** Form -> Slack modal view (views.open / views.update / response_action "update"). */
import type { Form } from "../../../core/index.js";
import { SLACK, VIEW_BYTE_BUDGET } from "./limits.js";
import { planModal } from "./modal-plan.js";
import { clipMrkdwn, mrkdwn } from "./mrkdwn.js";
import { isBlank, jsonBytes, oneLine, truncate } from "../../common/text.js";
import type { ContextBlock, InputBlock, KnownBlock, PlainTextElement, SlackModal } from "./types.js";

// The modules the Slack listeners import these from.
export { toSlackErrors } from "./errors.js";
export { formValuesFromSlack } from "./form-values.js";

/** The callback_id of every Charter form; the command travels in private_metadata. */
export const FORM_CALLBACK_ID = "charter_form";

const plain = (text: string, max: number, fallback: string): PlainTextElement => {
  const line = oneLine(text);
  return { type: "plain_text", text: truncate(isBlank(line) ? fallback : line, max), emoji: true };
};

const context = (text: string): ContextBlock => ({
  type: "context",
  elements: [{ type: "mrkdwn", text: clipMrkdwn(text, SLACK.contextText) }],
});

/**
 * private_metadata over Slack's 3,000 characters would make views.open fail;
 * it is the caller's to keep small (an id, not the data), so this throws.
 */
export function toSlackModal(form: Form, privateMetadata: string): SlackModal {
  if (privateMetadata.length > SLACK.privateMetadata) {
    throw new RangeError(`private_metadata is ${privateMetadata.length} characters; Slack allows ${SLACK.privateMetadata}`);
  }
  const plan = planModal(form);
  const blocks: KnownBlock[] = [];
  const errors = errorLines(form);
  if (errors) blocks.push(context(errors));
  blocks.push(...plan.inputs.map((i) => i.block));
  if (plan.left.length) {
    const what = plan.left.length === 1 ? "1 more field does" : `${plan.left.length} more fields do`;
    blocks.push(
      context(
        `_${what} not fit in a Slack form. To give ${plan.left.length === 1 ? "it" : "them"}, type the command instead:_ \`${mrkdwn(oneLine(form.command))} …\``,
      ),
    );
  }
  if (!blocks.length)
    blocks.push(
      context(`Nothing to fill in: press *${mrkdwn(oneLine(form.submitLabel || "Save"))}* to run \`${mrkdwn(oneLine(form.command))}\`.`),
    );
  const view: SlackModal = {
    type: "modal",
    callback_id: FORM_CALLBACK_ID,
    private_metadata: privateMetadata,
    title: plain(form.title, SLACK.modalTitle, "Charter"),
    submit: plain(form.submitLabel, SLACK.modalButton, "Save"),
    close: plain("Cancel", SLACK.modalButton, "Cancel"),
    blocks,
  };
  dropPrefillsOverBudget(
    view,
    plan.inputs.map((i) => i.block),
  );
  return view;
}

/** Prefilled values are the one part of a modal sized by data; past the budget the last ones go (the fields stay). */
function dropPrefillsOverBudget(view: SlackModal, inputs: InputBlock[]): void {
  let over = jsonBytes(view) - VIEW_BYTE_BUDGET;
  for (let i = inputs.length - 1; i >= 0 && over > 0; i--) {
    const element = inputs[i]!.element as unknown as Record<string, unknown>;
    for (const key of ["initial_value", "initial_option", "initial_user", "initial_users", "initial_date"]) {
      if (key in element) {
        over -= jsonBytes(element[key]) + key.length + 4;
        delete element[key];
      }
    }
  }
}

/** The errors of a rejected submission, at the top, by field label; they also show under each field via toSlackErrors. */
function errorLines(form: Form): string {
  const entries = Object.entries(form.errors ?? {})
    .map(([name, message]) => [name, oneLine(message)] as const)
    .filter(([, message]) => !isBlank(message));
  if (!entries.length) return "";
  const lines = entries.map(([name, message]) => {
    const label = oneLine(form.fields.find((f) => f.name === name)?.label ?? "");
    return `• ${isBlank(label) ? "" : `*${mrkdwn(label)}:* `}${mrkdwn(message)}`;
  });
  return `:warning: ${entries.length === 1 ? "Please fix this:" : "Please fix these:"}\n${lines.join("\n")}`;
}
