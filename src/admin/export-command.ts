/**
 * `charter export --project <name> --format csv|json [--out <dir>]`: the
 * project's tasks, costs, risks and KPIs as one file each in a folder
 * (default ./export-<project>-<date>/, the name in lower case with anything
 * but letters, digits, dots and dashes turned into dashes). Files of the
 * same name there are replaced. Prints each file's path; a progress bar on
 * stderr for large exports when stderr is a terminal.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { suggest, slug, exportFiles, type ExportFormat, exportTables } from "../core/index.js";
import type { Runtime } from "../runtime.js";
import { progressBar, type BarStream } from "./progress-bar.js";

export interface ExportRequest {
  tenant: string;
  project: string;
  format: ExportFormat;
  /** The folder; default ./export-<project>-<today>. */
  out?: string;
  /** What a relative folder is relative to; default the process's working directory. */
  cwd?: string;
  /** The local date for the default folder name (YYYY-MM-DD). */
  today: string;
}

export interface Io {
  stdout: { write(text: string): boolean };
  stderr: BarStream;
}

/** "Apollo 2.0 / Web" on 2026-03-02 -> "export-apollo-2.0-web-2026-03-02". */
export const defaultExportFolder = (project: string, today: string): string => `export-${slug(project) || "project"}-${today}`;

/** Exit code 0 when the files are written, 1 when there is no such project. */
export async function runExport(runtime: Pick<Runtime, "store">, request: ExportRequest, io: Io): Promise<number> {
  const { store } = runtime;
  const project = await store.projects.findByName(request.tenant, request.project);
  if (!project) {
    const near = suggest(
      request.project,
      (await store.projects.list(request.tenant)).map((p) => p.name),
    );
    io.stderr.write(`There is no project called "${request.project}" in ${request.tenant}.${near ? ` Did you mean "${near}"?` : ""}\n`);
    return 1;
  }
  const tables = await exportTables(store, request.tenant, project);
  const total = tables.reduce((sum, t) => sum + t.rows.length, 0);
  const bar = progressBar(io.stderr, `Exporting ${project.name}`, total);
  const files = exportFiles(tables, request.format, (rows) => bar.tick(rows));
  const dir = resolve(request.cwd ?? "", request.out ?? defaultExportFolder(project.name, request.today));
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const f of files) {
    const path = join(dir, f.name);
    await writeFile(path, f.bytes);
    paths.push(path);
  }
  bar.done();
  io.stdout.write(paths.map((p) => `${p}\n`).join(""));
  return 0;
}
