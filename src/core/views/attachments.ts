/**
 * The blocks of a Reply that carry bytes (chart images, exported files) and
 * the names they travel under. Chat messages cannot hold bytes, so each
 * adapter hands these over its own way: Slack uploads them, Teams shows
 * images inline in a card, the shell writes them to disk.
 */
import { slug } from "../slug.js";
import type { Block, Reply } from "./reply.js";

export type ImageBlock = Extract<Block, { kind: "image" }>;
export type FileBlock = Extract<Block, { kind: "file" }>;
export type AttachmentBlock = ImageBlock | FileBlock;

/** One attachment as the platforms take it: a file name, a title, a media type and the bytes. */
export interface Attachment {
  block: AttachmentBlock;
  kind: "image" | "file";
  /** A safe file name with its extension: "budget-burn-up-apollo.png", "costs.csv". */
  filename: string;
  /** What the file is, in words: an image's title (its alt text up to the first colon), a file's title. */
  title: string;
  mediaType: string;
  bytes: Uint8Array;
  /** For images: the description read out by screen readers. */
  altText?: string;
}

export const isAttachment = (block: Block): block is AttachmentBlock => block.kind === "image" || block.kind === "file";

const MAX_NAME = 80;
/** A chart's file name, before ".png": its title, cut to this many characters. */
const IMAGE_NAME = 60;

/**
 * A name that is safe as a file name on every platform: no directories, no
 * characters that Windows, macOS or Slack refuse, not empty, not hidden.
 */
export function safeFileName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[\u0000-\u001F\u007F<>:"|?*]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  if (!cleaned) return fallback;
  if (cleaned.length <= MAX_NAME) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : "";
  return cleaned.slice(0, MAX_NAME - ext.length) + ext;
}

export function attachmentOf(block: AttachmentBlock): Attachment {
  if (block.kind === "image") {
    // Alt texts read "<title>: <what it shows>."; the title names the file.
    const alt = block.alt.trim();
    const title = alt.split(/:\s/)[0]!.trim() || alt || "Chart";
    return {
      block,
      kind: "image",
      filename: `${slug(title, IMAGE_NAME) || "chart"}.png`,
      title,
      mediaType: "image/png",
      bytes: block.png,
      altText: alt || title,
    };
  }
  const filename = safeFileName(block.name, "file");
  return {
    block,
    kind: "file",
    filename,
    title: block.title.trim() || filename,
    mediaType: block.mediaType || "application/octet-stream",
    bytes: block.bytes,
  };
}

/** The reply's attachments, in order. */
export function attachmentsOf(reply: Reply): Attachment[] {
  return reply.blocks.filter(isAttachment).map(attachmentOf);
}

/** The reply without its attachment blocks: what goes into a chat message. */
export function withoutAttachments(reply: Reply): Reply {
  return { ...reply, blocks: reply.blocks.filter((b) => !isAttachment(b)) };
}
