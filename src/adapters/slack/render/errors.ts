/**
 * Field errors -> the `errors` map of a view_submission response
 * (`ack({ response_action: "errors", errors })`), keyed by block_id.
 */
import type { Form } from "../../../core/index.js";
import { ERROR_MESSAGE } from "./limits.js";
import { planModal } from "./modal-plan.js";
import { isBlank, oneLine, truncate } from "../../common/text.js";

/**
 * Errors for names the modal has no input for (a form-wide "_" error, or a
 * field left out of a crowded modal) show on the first input, prefixed with
 * the field's label when it has one. Several messages for one input are
 * joined. With no inputs at all there is nowhere to show them, so the map is
 * empty: update the view instead.
 */
export function toSlackErrors(errors: Record<string, string>, form: Form): Record<string, string> {
  const inputs = planModal(form).inputs;
  const first = inputs[0]?.block.block_id;
  if (first === undefined) return {};
  const byName = new Map<string, string>();
  for (const { field, block } of inputs) if (!byName.has(field.name) && block.block_id) byName.set(field.name, block.block_id);
  const out = new Map<string, string>();
  for (const [name, raw] of Object.entries(errors)) {
    const message = oneLine(raw);
    if (isBlank(message)) continue;
    const id = byName.get(name);
    const label = oneLine(form.fields.find((f) => f.name === name)?.label ?? "");
    const text = id || isBlank(label) ? message : `${label}: ${message}`;
    const target = id ?? first;
    const before = out.get(target);
    out.set(target, before ? `${before} · ${text}` : text);
  }
  // fromEntries, not assignment: a block_id "__proto__" must stay a key.
  return Object.fromEntries([...out].map(([id, text]) => [id, truncate(text, ERROR_MESSAGE)]));
}
