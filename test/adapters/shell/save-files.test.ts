/**
 * The shell writes a reply's charts and files to disk and prints their
 * paths instead: the folder made when first needed, never a file
 * overwritten, names kept inside the folder.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { encodePng } from "../../../src/core/charts/png.js";
import { renderSaved, saveAttachments, writeNew } from "../../../src/adapters/shell/save-files.js";
import { renderText } from "../../../src/core/views/render-text.js";
import { file, heading, image, reply, text } from "../../../src/core/views/reply.js";

const png = new Uint8Array(encodePng(8, 8, new Uint8Array(8 * 8 * 4).fill(90)));
const csv = new TextEncoder().encode("id,title\r\n1,Fix login\r\n");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "charter-save-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("saving a reply's charts and files", () => {
  it("writes each one into the folder (made on demand) and prints its absolute path in the block's place", () => {
    const out = join(dir, "nested", "charts");
    const r = reply("Chart", [
      heading("Budget burn"),
      image("Burn — Apollo: $200.00 spent of a $1,000.00 budget.", png),
      file("tasks.csv", "Tasks", "text/csv", csv),
      text("Done."),
    ]);
    const { text: printed, saved } = renderSaved(r, out);
    expect(saved.paths).toEqual([join(out, "burn-apollo.png"), join(out, "tasks.csv")]);
    expect(new Uint8Array(readFileSync(saved.paths[0]!))).toEqual(png);
    expect(new Uint8Array(readFileSync(saved.paths[1]!))).toEqual(csv);
    expect(printed.split("\n")).toEqual([
      "Budget burn",
      "═══════════",
      `Chart saved to ${join(out, "burn-apollo.png")}`,
      `File saved to ${join(out, "tasks.csv")}`,
      "Done.",
    ]);
    expect(saved.failed).toBe(false);
  });

  it("never overwrites: a taken name gets -2, -3 ...", () => {
    writeFileSync(join(dir, "tasks.csv"), "mine");
    const first = saveAttachments(reply("x", [file("tasks.csv", "Tasks", "text/csv", csv)]), dir);
    const second = saveAttachments(reply("x", [file("tasks.csv", "Tasks", "text/csv", csv)]), dir);
    expect(first.paths).toEqual([join(dir, "tasks-2.csv")]);
    expect(second.paths).toEqual([join(dir, "tasks-3.csv")]);
    expect(readFileSync(join(dir, "tasks.csv"), "utf8")).toBe("mine");
    expect(writeNew(dir, "README", csv)).toBe(join(dir, "README"));
    expect(writeNew(dir, "README", csv)).toBe(join(dir, "README-2"));
  });

  it("keeps a file's name inside the folder", () => {
    const { paths } = saveAttachments(
      reply("x", [file("../../etc/passwd", "x", "text/plain", csv), file("", "x", "text/plain", csv), image("", png)]),
      dir,
    );
    expect(paths).toEqual([join(dir, "passwd"), join(dir, "file"), join(dir, "chart.png")]);
    expect(readdirSync(dir).sort()).toEqual(["chart.png", "file", "passwd"]);
  });

  it("writes nothing and makes no folder for a reply without attachments", () => {
    const out = join(dir, "unused");
    const { text: printed, saved } = renderSaved(reply("x", [text("Hello")]), out);
    expect(printed).toBe(renderText(reply("x", [text("Hello")])));
    expect(saved.paths).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it("says so when a file cannot be written, and goes on with the rest", () => {
    const blocker = join(dir, "taken");
    writeFileSync(blocker, "a file where the folder should be");
    const { text: printed, saved } = renderSaved(reply("x", [file("a.csv", "A", "text/csv", csv)]), join(blocker, "sub"));
    expect(saved.failed).toBe(true);
    expect(printed).toMatch(/^Could not save a\.csv in .*taken\/sub: (ENOTDIR|EEXIST)/);
    mkdirSync(join(dir, "ok"));
    expect(saveAttachments(reply("x", [file("a.csv", "A", "text/csv", csv)]), join(dir, "ok")).failed).toBe(false);
  });
});
