/**
 * Block Kit types, taken from the @slack/types that Bolt re-exports so the
 * renderer depends only on the package the Slack adapter already uses.
 */
import type { types } from "@slack/bolt";

export type KnownBlock = types.KnownBlock;
export type SectionBlock = types.SectionBlock;
export type HeaderBlock = types.HeaderBlock;
export type ContextBlock = types.ContextBlock;
export type ActionsBlock = types.ActionsBlock;
export type InputBlock = types.InputBlock;
export type InputBlockElement = types.InputBlockElement;
export type Button = types.Button;
export type PlainTextElement = types.PlainTextElement;
export type MrkdwnElement = types.MrkdwnElement;
export type PlainTextOption = types.PlainTextOption;
export type ModalView = types.ModalView;
export type View = types.View;
/** A modal whose blocks are all Block Kit's known kinds (ModalView allows any block), so they narrow by `type`. */
export type SlackModal = Omit<ModalView, "blocks"> & { blocks: KnownBlock[] };

/** One chat.postMessage payload: `text` is the notification / accessibility fallback. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}
