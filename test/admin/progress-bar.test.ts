import { describe, expect, it } from "vitest";
import { progressBar, PROGRESS_MIN_ROWS } from "../../src/admin/progress-bar.js";
import { defaultExportFolder } from "../../src/admin/export-command.js";

function stream(isTTY: boolean, columns = 80) {
  const writes: string[] = [];
  return { writes, isTTY, columns, write: (text: string) => (writes.push(text), true) };
}

describe("progressBar", () => {
  it("draws one line on a terminal, redrawn in place as the percentage moves, ending at 100 %", () => {
    const out = stream(true, 70);
    const bar = progressBar(out, "Exporting Big", 5_000);
    bar.tick(500);
    bar.tick(1); // same percentage: not redrawn
    bar.tick(2_000);
    bar.done();
    expect(out.writes.every((w) => w.startsWith("\r") || w === "\n")).toBe(true);
    expect(out.writes.at(-1)).toBe("\n");
    expect(out.writes).toHaveLength(5); // 0 %, 10 %, 50 %, 100 %, newline
    expect(out.writes[1]).toMatch(/^\rExporting Big █+░+ {2}10% 500\/5,000 rows$/);
    expect(out.writes[3]).toMatch(/^\rExporting Big █+ 100% 5,000\/5,000 rows$/);
    expect(Math.max(...out.writes.map((w) => [...w].length))).toBeLessThanOrEqual(70);
  });

  it("stays silent when the stream is not a terminal or the job is small", () => {
    const piped = stream(false);
    const bar = progressBar(piped, "Exporting", 50_000);
    bar.tick(50_000);
    bar.done();
    expect(piped.writes).toEqual([]);

    const small = stream(true);
    const quick = progressBar(small, "Exporting", PROGRESS_MIN_ROWS - 1);
    quick.tick(PROGRESS_MIN_ROWS - 1);
    quick.done();
    expect(small.writes).toEqual([]);
  });
});

describe("default export folder", () => {
  it("is export-<project>-<date> with a file-name-safe project name", () => {
    expect(defaultExportFolder("Apollo", "2026-03-02")).toBe("export-apollo-2026-03-02");
    expect(defaultExportFolder("Zeus 2.0 / Web", "2026-03-02")).toBe("export-zeus-2.0-web-2026-03-02");
    expect(defaultExportFolder("Café: Ünïcode", "2026-03-02")).toBe("export-café-ünïcode-2026-03-02");
    expect(defaultExportFolder("../../etc", "2026-03-02")).toBe("export-etc-2026-03-02");
    expect(defaultExportFolder("///", "2026-03-02")).toBe("export-project-2026-03-02");
  });
});
