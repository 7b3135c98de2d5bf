/**
 * Reply -> HTML, pure: the same Reply always renders the same markup. Every
 * text goes through the escaping template (see ../html.ts). Buttons are small
 * forms that post their command as if it were typed; images are inline PNG
 * data URLs; files are download links.
 */
import { type Block, type Reply, attachmentOf } from "../../../core/index.js";
import { html, type Html } from "../html.js";
import { renderForm, renderFormSummary, type FormTarget } from "./form.js";
import { inline, plainText } from "./inline.js";

export interface ReplyTarget extends FormTarget {
  /** Where buttons post their command (the channel's message endpoint). */
  commandAction: string;
}

const dataUrl = (mediaType: string, bytes: Uint8Array) => `data:${mediaType};base64,${Buffer.from(bytes).toString("base64")}`;

function renderBlock(block: Block, target: ReplyTarget | null): Html {
  switch (block.kind) {
    case "heading":
      return html`<h3 class="b-heading">${inline(block.text)}</h3>`;
    case "text":
      return html`<p class="b-text">${inline(block.text)}</p>`;
    case "fields":
      return html`<dl class="b-fields">${block.items.map(([label, value]) => html`<div><dt>${plainText(label)}</dt><dd>${inline(value)}</dd></div>`)}</dl>`;
    case "table":
      return html`<div class="b-table" role="region" tabindex="0" aria-label="Table"><table>
  <thead><tr>${block.columns.map((c) => html`<th scope="col">${plainText(c)}</th>`)}</tr></thead>
  <tbody>${block.rows.map((row) => html`<tr>${row.map((cell) => html`<td>${inline(cell)}</td>`)}</tr>`)}</tbody>
</table></div>`;
    case "progress": {
      const pct = Math.round(Math.min(Math.max(Number.isFinite(block.ratio) ? block.ratio : 0, 0), 1) * 100);
      return html`<div class="b-progress tone-${block.tone ?? "ok"}"><span>${plainText(block.label)}</span> <progress max="100" value="${pct}" aria-label="${plainText(block.label)}">${pct}%</progress> <span>${Math.round(block.ratio * 100)}%</span></div>`;
    }
    case "list":
      return html`<ul class="b-list">${block.items.map((item) => html`<li>${inline(item)}</li>`)}</ul>`;
    case "image":
      return html`<figure class="b-image"><img src="${dataUrl("image/png", block.png)}" alt="${block.alt}"><figcaption>${attachmentOf(block).title}</figcaption></figure>`;
    case "file": {
      const a = attachmentOf(block);
      return html`<p class="b-file"><a href="${dataUrl(a.mediaType, a.bytes)}" download="${a.filename}">Download ${a.title}</a> (${a.filename}, ${a.bytes.byteLength} bytes)</p>`;
    }
    case "actions":
      if (!target)
        return html`<p class="b-actions">${block.buttons.map((b) => html`<span class="button-readonly">${b.label}</span> `)}</p>`;
      return html`<div class="b-actions">${block.buttons.map(
        (b) => html`<form method="post" action="${target.commandAction}" class="button-form">
  <input type="hidden" name="csrf" value="${target.csrf}"><input type="hidden" name="text" value="${b.command}">
  <button type="submit"${b.style ? html` class="${b.style}"` : ""} title="${b.command}">${b.label}</button>
</form>`,
      )}</div>`;
    case "context":
      return html`<p class="b-context">${inline(block.text)}</p>`;
  }
}

/** The reply's blocks and form; `target` null renders it read-only (no buttons, no form to submit). */
export function renderReply(reply: Reply, target: ReplyTarget | null): Html {
  const form = reply.form ? (target ? renderForm(reply.form, target) : renderFormSummary(reply.form)) : "";
  return html`<div class="reply${reply.ok === false ? " reply-rejected" : ""}">${reply.blocks.map((b) => renderBlock(b, target))}${form}</div>`;
}
