/**
 * Which fields a modal can hold. Slack allows 100 blocks in a modal and fails
 * views over ~250 KB. When a form needs more, required fields are kept first
 * (a submission without them cannot succeed), then optional ones in order,
 * each while it still fits; kept fields stay in the form's order. The modal
 * then says how many were left out and that the typed command takes them all.
 * The plan depends on the fields without their prefilled values, so the
 * modal, its errors response and the submission parser (which may see the
 * form afresh) always agree on it; toSlackModal drops prefilled values if
 * they would push the view over budget.
 */
import type { Form, FormField } from "../../../core/index.js";
import { blockIds } from "./form-ids.js";
import { SLACK, VIEW_BYTE_BUDGET } from "./limits.js";
import { inputBlock } from "./modal-inputs.js";
import { jsonBytes } from "../../common/text.js";
import type { InputBlock } from "./types.js";

/** Blocks kept free for the errors line at the top and the "left out" line at the bottom. */
export const MODAL_EXTRA_BLOCKS = 2;
export const MAX_MODAL_INPUTS = SLACK.modalBlocks - MODAL_EXTRA_BLOCKS;
/** Bytes kept free for the title, buttons, private_metadata (3,000 characters) and the two extra lines. */
const RESERVED_BYTES = 30_000;

export interface PlannedInput {
  field: FormField;
  block: InputBlock;
}

export interface ModalPlan {
  inputs: PlannedInput[];
  left: FormField[];
}

export function planModal(form: Pick<Form, "fields">): ModalPlan {
  const ids = blockIds(form.fields);
  const candidates = form.fields
    .map((field, i) => ({ field, i, size: jsonBytes(inputBlock({ ...field, initial: undefined }, ids[i]!)) + 1 }))
    .sort((a, b) => Number(b.field.required) - Number(a.field.required) || a.i - b.i);
  const kept: typeof candidates = [];
  let bytes = 0;
  for (const c of candidates) {
    if (kept.length >= MAX_MODAL_INPUTS || bytes + c.size > VIEW_BYTE_BUDGET - RESERVED_BYTES) continue;
    kept.push(c);
    bytes += c.size;
  }
  const keptIndexes = new Set(kept.map((k) => k.i));
  return {
    inputs: kept.sort((a, b) => a.i - b.i).map(({ field, i }) => ({ field, block: inputBlock(field, ids[i]!) })),
    left: form.fields.filter((_, i) => !keptIndexes.has(i)),
  };
}
