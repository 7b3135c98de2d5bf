/** Neutral views -> Slack Block Kit: messages, modals, modal errors and submissions. */
export { toSlackMessages, ACTION_ID_PATTERN, type SlackMessageOptions } from "./messages.js";
export { MORE_MARKER } from "./pages.js";
export { toSlackModal, FORM_CALLBACK_ID } from "./modal.js";
export { toSlackErrors } from "./errors.js";
export { formValuesFromSlack, type SlackStateValue, type SlackStateValues } from "./form-values.js";
export type { SlackMessage, SlackModal, KnownBlock, ModalView, View } from "./types.js";
export { toSlackHome, type SlackHome } from "./home.js";
