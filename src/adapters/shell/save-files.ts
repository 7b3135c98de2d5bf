/**
 * The shell's way to hand over a reply's charts and files: each is written
 * to a folder (`--out <dir>`, default ./charter-files/, created when first
 * needed) and the reply shows its absolute path instead ("Chart saved to
 * /abs/dir/budget-burn-apollo.png"). An existing file is never overwritten:
 * the name gets -2, -3, ... instead.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { attachmentOf, isAttachment, type Attachment, renderText, type Block, type Reply } from "../../core/index.js";

export const DEFAULT_OUT_DIR = "charter-files";

/** Give up after this many taken names; something else is wrong then. */
const MAX_TRIES = 1_000;

export interface SavedFiles {
  /** The line shown instead of each attachment block. */
  lines: Map<Block, string>;
  /** Absolute paths written, in order. */
  paths: string[];
  /** Whether some attachment could not be written. */
  failed: boolean;
}

/** Writes `bytes` to `dir/name`, or `dir/name-2.ext`, `-3`... when taken; returns the path written. */
export function writeNew(dir: string, name: string, bytes: Uint8Array): string {
  const ext = extname(name);
  const stem = ext ? name.slice(0, -ext.length) : name;
  for (let n = 1; n <= MAX_TRIES; n++) {
    const path = join(dir, n === 1 ? name : `${stem}-${n}${ext}`);
    try {
      // "wx": create, failing when the file exists, so two writers can never overwrite each other.
      writeFileSync(path, bytes, { flag: "wx" });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  throw new Error(`${MAX_TRIES} files named like ${name} already exist in ${dir}`);
}

const savedLine = (attachment: Attachment, path: string) => `${attachment.kind === "image" ? "Chart" : "File"} saved to ${path}`;

/** Writes every attachment of the reply into `outDir` (resolved against the working directory). */
export function saveAttachments(reply: Reply, outDir: string = DEFAULT_OUT_DIR): SavedFiles {
  const saved: SavedFiles = { lines: new Map(), paths: [], failed: false };
  const blocks = reply.blocks.filter(isAttachment);
  if (!blocks.length) return saved;
  const dir = resolve(outDir);
  for (const block of blocks) {
    const attachment = attachmentOf(block);
    try {
      mkdirSync(dir, { recursive: true });
      const path = writeNew(dir, attachment.filename, attachment.bytes);
      saved.paths.push(path);
      saved.lines.set(block, savedLine(attachment, path));
    } catch (error) {
      saved.failed = true;
      const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
      saved.lines.set(block, `Could not save ${attachment.filename} in ${dir}: ${reason}`);
    }
  }
  return saved;
}

/** The reply as the shell prints it, its attachments written to disk first. */
export function renderSaved(reply: Reply, outDir?: string): { text: string; saved: SavedFiles } {
  const saved = saveAttachments(reply, outDir);
  return { text: renderText(reply, { lines: saved.lines }), saved };
}
