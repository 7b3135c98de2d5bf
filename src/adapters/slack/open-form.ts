/** Opens a command's form as a modal; its submission comes back to listeners/views/form-submitted. */
import type { WebClient } from "@slack/web-api";
import type { Form } from "../../core/index.js";
import { encodeFormMetadata } from "./form-metadata.js";
import { toSlackModal } from "./render/modal.js";

export async function openForm(client: WebClient, triggerId: string, form: Form, channelId: string | undefined): Promise<void> {
  const metadata = encodeFormMetadata({
    command: form.command,
    ...(channelId ? { channelId } : {}),
    ...(form.project ? { project: form.project } : {}),
  });
  await client.views.open({ trigger_id: triggerId, view: toSlackModal(form, metadata) });
}
