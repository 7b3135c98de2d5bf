/**
 * POST /console/c/<channel>/forms: a reply's form, submitted. The values go
 * through the command's own binder and zod schema (core submitForm). Valid:
 * the answer joins the channel and the browser goes back to it (303).
 * Rejected: 422 with the channel page, the form shown again in place with
 * each error under its field and what was entered kept; nothing is stored.
 */
import { formFor, findCommand, submitForm, tokenize, type Form } from "../../../core/index.js";
import { webContext } from "../context.js";
import type { RequestContext } from "../deps.js";
import { channelPath } from "../paths.js";
import { FIELD_PREFIX } from "../render/form.js";
import { redirect } from "../respond.js";
import { localChannel, renderChannel } from "./chat-page.js";

export async function submitFormRoute(ctx: RequestContext): Promise<void> {
  const channelId = ctx.params[0]!;
  const form = ctx.form!;
  const command = form.get("command") ?? "";
  const project = form.get("project") || undefined;
  const messageId = form.get("message") ?? "";
  const values: Record<string, string> = {};
  for (const [name, value] of form) {
    if (name.startsWith(FIELD_PREFIX) && value.trim() !== "") values[name.slice(FIELD_PREFIX.length)] = value;
  }
  const { deps } = ctx;
  const context = await webContext(deps.runtime, channelId);
  const reply = await submitForm(context, command, values, project);
  if (reply.ok) {
    const match = findCommand(tokenize(command));
    await deps.console.addTyped(
      channelId,
      context.user.platformUserId,
      `${command} (form${match?.def.formTitle ? `: ${match.def.formTitle}` : ""})`,
    );
    const stored = await deps.console.addReply(channelId, reply);
    redirect(ctx.res, `${channelPath(channelId)}#m-${stored.id}`);
    return;
  }
  const match = findCommand(tokenize(command));
  const blank: Form | undefined = match && match.args.length === 0 ? formFor(match.def) : undefined;
  const base = reply.form ?? blank;
  if (!base || !(await deps.console.message(channelId, messageId))) {
    // Not a form of this channel (or an unknown command): the refusal joins the channel like any answer.
    const stored = await deps.console.addReply(channelId, reply);
    redirect(ctx.res, `${channelPath(channelId)}#m-${stored.id}`);
    return;
  }
  const retry: Form = {
    ...base,
    ...(project ? { project } : {}),
    fields: base.fields.map((f) => ({ ...f, initial: values[f.name] ?? "" })),
    errors: reply.form?.errors ?? { _: reply.summary },
  };
  await renderChannel(ctx, localChannel(channelId), 422, { messageId, form: retry });
}
