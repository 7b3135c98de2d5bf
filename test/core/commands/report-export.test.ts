import { expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { COLUMNS } from "../../../src/core/export/tables.js";
import type { Block } from "../../../src/core/views/reply.js";
import { describeOnSqlite, suiteStore } from "../../support/db.js";
import { apolloFixture } from "../../support/project.js";

type FileBlock = Extract<Block, { kind: "file" }>;
const BOM = "\uFEFF";
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const files = (blocks: readonly Block[]) => blocks.filter((b): b is FileBlock => b.kind === "file");
/** Keeps the byte-order mark (TextDecoder drops it by default). */
const decode = (f: FileBlock) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(f.bytes);
const rowsOf = (f: FileBlock) => parse(decode(f), { bom: true, columns: true }) as Record<string, string>[];

describeOnSqlite("report export csv", (provider) => {
  const testStore = suiteStore(provider);

  it("fixes the column order of every file", () => {
    expect(COLUMNS).toEqual({
      tasks: ["number", "title", "status", "assignee", "due_date", "estimate_hours", "parent", "created_at", "completed_at"],
      costs: ["id", "date", "amount", "currency", "category", "description", "logged_by", "logged_by_id", "logged_at"],
      risks: [
        "number",
        "title",
        "probability",
        "impact",
        "score",
        "severity",
        "status",
        "owner",
        "mitigation",
        "review_date",
        "created_at",
        "closed_at",
      ],
      kpis: [
        "name",
        "description",
        "measure",
        "target",
        "unit",
        "direction",
        "deadline",
        "owner",
        "latest_value",
        "latest_recorded_at",
        "on_track",
      ],
    });
  });

  it("returns one CSV file block per entity with the header and the project's rows", async () => {
    const f = await apolloFixture(testStore(), "export");
    for (const line of [
      "task add Design the API @bob due 2026-03-10 est 2d",
      "task add Write the spec under #1",
      "task done #2",
      'cost add 1234.50 USD labour "Sprint 1, contractors" on 2026-02-01',
      'risk add "Vendor, late" p4 i5 owner @carol mitigation "=Second vendor" review 2026-03-20',
      "kpi add Uptime target 99.9%",
      'kpi record "Uptime" 99.95',
    ]) {
      const r = await f.pm.say(line);
      expect(r.ok, `${line}: ${r.text}`).toBe(true);
    }

    const r = await f.pm.say("report export csv");
    expect(r.ok, r.text).toBe(true);
    expect(r.visibility).toBe("private");
    expect(r.reply.summary).toBe("Exported Apollo: 2 tasks, 1 cost, 1 risk, 1 KPI");
    const out = files(r.reply.blocks);
    expect(out.map((b) => [b.name, b.title, b.mediaType])).toEqual([
      ["tasks.csv", "Apollo — tasks", "text/csv"],
      ["costs.csv", "Apollo — costs", "text/csv"],
      ["risks.csv", "Apollo — risks", "text/csv"],
      ["kpis.csv", "Apollo — KPIs", "text/csv"],
    ]);
    for (const [i, entity] of (["tasks", "costs", "risks", "kpis"] as const).entries()) {
      expect(decode(out[i]!).startsWith(BOM + COLUMNS[entity].join(",") + "\r\n"), entity).toBe(true);
    }

    const [tasks, costs, risks, kpis] = out.map(rowsOf);
    expect(tasks).toEqual([
      expect.objectContaining({
        number: "1",
        title: "Design the API",
        status: "todo",
        assignee: "bob",
        due_date: "2026-03-10",
        estimate_hours: "16",
        parent: "",
        completed_at: "",
      }),
      expect.objectContaining({
        number: "2",
        title: "Write the spec",
        status: "done",
        assignee: "",
        parent: "1",
        completed_at: expect.stringMatching(ISO_INSTANT),
      }),
    ]);
    expect(costs).toEqual([
      {
        id: expect.any(String),
        date: "2026-02-01",
        amount: "1234.50",
        currency: "USD",
        category: "labour",
        description: "Sprint 1, contractors",
        logged_by: "local-user",
        logged_by_id: "local-user",
        logged_at: expect.stringMatching(ISO_INSTANT),
      },
    ]);
    expect(decode(out[1]!)).toContain(',1234.50,USD,labour,"Sprint 1, contractors",');
    expect(risks).toEqual([
      expect.objectContaining({
        number: "1",
        title: "Vendor, late",
        probability: "4",
        impact: "5",
        score: "20",
        severity: "critical",
        status: "open",
        owner: "carol",
        mitigation: "'=Second vendor",
        review_date: "2026-03-20",
      }),
    ]);
    expect(kpis).toEqual([
      expect.objectContaining({
        name: "Uptime",
        target: "99.9",
        unit: "%",
        direction: "higher",
        latest_value: "99.95",
        latest_recorded_at: "2026-03-02T10:00:00.000Z",
        on_track: "true",
      }),
    ]);
  });

  it("exports an empty project as headers only, and a closed (archived) project too", async () => {
    const f = await apolloFixture(testStore(), "export-empty");
    const r = await f.pm.say("report export csv");
    expect(r.ok, r.text).toBe(true);
    expect(r.reply.summary).toBe("Exported Apollo: 0 tasks, 0 costs, 0 risks, 0 KPIs");
    expect(files(r.reply.blocks).map(decode)).toEqual([
      BOM + COLUMNS.tasks.join(",") + "\r\n",
      BOM + COLUMNS.costs.join(",") + "\r\n",
      BOM + COLUMNS.risks.join(",") + "\r\n",
      BOM + COLUMNS.kpis.join(",") + "\r\n",
    ]);

    await f.pm.say("cost add 10 travel Taxi");
    await f.store.closeOuts.close({ tenantId: f.tenant, actorId: (await f.pm.context()).user.id }, f.project.id, {
      postMortem: { wentWell: [], didNotGoWell: [], lessons: [], followUps: [] },
      finalReport: {},
      at: new Date("2026-03-02T12:00:00Z"),
    });
    const writes = await f.writes();
    const closed = await f.pm.say("report export csv");
    expect(closed.ok, closed.text).toBe(true);
    expect(rowsOf(files(closed.reply.blocks)[1]!)).toEqual([expect.objectContaining({ amount: "10.00", description: "Taxi" })]);
    expect(await f.writes()).toBe(writes);
  });

  it("asks for the format with usage when it is missing or unknown", async () => {
    const f = await apolloFixture(testStore(), "export-usage");
    const bare = await f.pm.say("report export");
    expect(bare.ok).toBe(false);
    expect(bare.text).toContain("`report export` needs a format.");
    expect(bare.text).toContain("Usage: `report export csv`");
    const pdf = await f.pm.say("report export pdf");
    expect(pdf.ok).toBe(false);
    expect(pdf.text).toContain("Usage: `report export csv`");
  });
});
