/**
 * `charter import costs <file.csv> [--project <name>] [--dry-run]`: the
 * costs of a CSV file into a project, all or nothing (see
 * core/export/cost-import.ts for the rules). The project is --project, or
 * else the one linked to --channel, as `charter run` finds it.
 */
import { basename } from "node:path";
import { DateTime } from "luxon";
import { failureText, recordingWrites, savedBy, importCosts, suggest, renderText } from "../core/index.js";
import { shellContext, type ShellIdentity } from "../adapters/shell/context.js";
import type { Runtime } from "../runtime.js";
import { classifyStoreError } from "../store/errors.js";

export interface ImportRequest {
  who: ShellIdentity;
  /** The file's name (for messages) and its bytes. */
  file: string;
  bytes: Uint8Array;
  project?: string;
  dryRun?: boolean;
}

export interface ImportIo {
  stdout: { write(text: string): boolean };
  stderr: { write(text: string): boolean };
}

/** Exit code: 0 imported (or checked), 1 rejected and nothing written, 2 no project given and none linked. */
export async function runCostImport(
  runtime: Pick<Runtime, "store" | "log" | "outbox">,
  request: ImportRequest,
  io: ImportIo,
): Promise<number> {
  const ctx = await shellContext(runtime, request.who, () => DateTime.now());
  const { store, tenant } = ctx;
  const project =
    request.project !== undefined
      ? await store.projects.findByName(tenant, request.project)
      : await store.projects.forChannel(tenant, ctx.channel.id);
  if (!project && request.project !== undefined) {
    const near = suggest(
      request.project,
      (await store.projects.list(tenant)).map((p) => p.name),
    );
    io.stdout.write(
      `There is no project called "${request.project}" in ${tenant}.${near ? ` Did you mean "${near}"?` : ""} Nothing was imported.\n`,
    );
    return 1;
  }
  if (!project) {
    io.stderr.write(`charter import costs needs --project <name>: the channel ${ctx.channel.id} is linked to no project.\n`);
    return 2;
  }
  // The import's writes are recorded, so a failure says truthfully whether the costs were saved.
  const recording = recordingWrites(ctx);
  try {
    const reply = await importCosts({ ...recording, scope: { tenantId: tenant, actorId: ctx.user.id } }, project, request.bytes, {
      source: basename(request.file),
      ...(request.dryRun ? { dryRun: true } : {}),
    });
    io.stdout.write(renderText(reply) + "\n");
    return reply.ok ? 0 : 1;
  } catch (error) {
    runtime.log.error("cost import failed", { error: error instanceof Error ? error.message : String(error) });
    io.stdout.write(failureText(savedBy(recording), classifyStoreError(error)) + "\n");
    return 1;
  }
}
