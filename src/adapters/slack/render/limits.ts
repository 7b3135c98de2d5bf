/**
 * Slack's documented Block Kit limits (docs.slack.dev Block Kit reference and
 * the @slack/types JSDoc), plus the budgets we choose where Slack documents
 * none. Lengths are counted in UTF-16 code units, which is never fewer than
 * the characters Slack counts, so staying under them is always safe.
 */
export const SLACK = {
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  contextText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  id: 255,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  textInput: 3000,
} as const;

/**
 * Slack rejects a message whose blocks add up to more than roughly 13,200
 * characters (`msg_blocks_too_long`, undocumented; see slackapi/bolt-js#2509).
 * We budget the JSON of each message's blocks, which over-counts the text.
 */
export const MESSAGE_JSON_BUDGET = 12_000;

/** Fields and buttons are packed so one block is at most half a message. */
export const BLOCK_JSON_BUDGET = 6_000;

/**
 * A reply longer than this many messages is cut, with a closing marker:
 * posting dozens of messages at Slack's ~1 message/s per channel floods it.
 */
export const MAX_MESSAGES = 10;

/** Slack fails views over ~250 KB (`view_too_large`); we stay well under it, in UTF-8 bytes. */
export const VIEW_BYTE_BUDGET = 150_000;

/** Slack documents no limit for `response_action: "errors"` messages; short ones read best under a field. */
export const ERROR_MESSAGE = 150;

/** Widest preformatted table line before Slack's code block wraps it on a typical desktop window. */
export const TABLE_WIDTH = 90;
