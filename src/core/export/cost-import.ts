/**
 * `charter import costs <file.csv>`: a cost file (the costs.csv of an export,
 * or one prepared in a spreadsheet) into a project, all or nothing.
 *
 * - Every row is checked first. If any row is bad, NOTHING is imported and
 *   every bad row is listed with the line it starts on and what is wrong.
 * - If all rows are good they are added in one transaction.
 * - Columns (by header name, any order, case-insensitive): date, amount,
 *   currency, category are required; id, description, logged_by,
 *   logged_by_id, logged_at are optional. Unknown columns are refused, so a
 *   misspelt "descripton" does not silently drop the descriptions.
 * - Amounts are in major units of the currency ("1234.50"); the currency
 *   must be the project's (Charter never converts). Dates are YYYY-MM-DD.
 * - Re-importing is safe: a row whose id is already a cost of the target
 *   project is left out when it is identical, and refused when it differs
 *   (an import never changes a logged cost). Rows with another project's id,
 *   or none, are added as new costs, so importing a file into a second
 *   project copies it; importing that file there twice adds it twice.
 * - Who logged a cost comes from logged_by_id (the platform user id, with
 *   logged_by as the name of someone the workspace does not know yet); rows
 *   without it are logged by the person importing. logged_at is kept when
 *   given. The audit log records the import under the importing person.
 * - One apostrophe the export put before a formula-like text (see csv.ts) is
 *   removed, so export -> import is exact.
 */
import { DateTime } from "luxon";
import type { Context } from "../context.js";
import { archivedReply } from "../archive.js";
import { crossedThreshold, postBudgetAlert } from "../alerts/budget-threshold.js";
import { alertedLine } from "../alerts/post.js";
import { joinWords, money } from "../commands/shared.js";
import { DATE_RANGE_TEXT, isDateInRange, isIsoDate } from "../domain/dates.js";
import { formatMoney, moneyLimitText, percent, withinMoneyLimit } from "../domain/money.js";
import { parseAmount, parseCurrency } from "../grammar/values.js";
import { COST_CATEGORIES, type CostCategory, type CostEntry, type ImportedCost, type Project, type Scope } from "../store.js";
import { contextLine, list, rejection, reply, text, type Block, type Reply } from "../views/reply.js";
import { eachCsvRecord, STOP, type CsvRecord } from "./csv-records.js";
import { withoutReserved } from "../views/references.js";
import { unguardFormula } from "./csv.js";
import { COST_COLUMNS } from "./tables.js";

export const REQUIRED_COST_COLUMNS = ["date", "amount", "currency", "category"] as const;
const NOTE_MAX = 500;
const ID_MAX = 100;
const NAME_MAX = 200;

export interface ImportProblem {
  /** 1-based line the row starts on; 0 when the problem is the whole file. */
  line: number;
  message: string;
}

export interface PlannedCost extends ImportedCost {
  line: number;
}

export interface CostImportPlan {
  /** The rows to add, in file order (rows already in the project are not here). */
  costs: PlannedCost[];
  /** Rows whose id is a cost of the project already, identical: left out. */
  existing: number;
  problems: ImportProblem[];
  /** Data rows in the file (blank lines not counted); counting stops past COST_IMPORT_MAX_ROWS. */
  rows: number;
  /** The file has more rows than one import takes: refused whole. */
  tooMany?: boolean;
}

type Column = (typeof COST_COLUMNS)[number];

const shown = (value: string): string => {
  const chars = Array.from(value);
  return JSON.stringify(chars.length > 40 ? chars.slice(0, 40).join("") + "…" : value);
};

/**
 * The most rows one import takes. The insert is one transaction (all or
 * nothing) that holds the database's write lock while it runs; this bounds
 * it to a couple of minutes at worst. Larger files are refused before any
 * row is checked further: split them.
 */
export const COST_IMPORT_MAX_ROWS = 100_000;

/**
 * Checks a cost file against a project, the costs it has and their total;
 * writes nothing. The file is walked row by row: only the costs to add are
 * kept, never the file's parsed records.
 */
export function planCostImport(
  input: Uint8Array | string,
  project: Pick<Project, "name" | "currency">,
  projectCosts: readonly CostEntry[],
  projectTotal = 0n,
): CostImportPlan {
  const plan: CostImportPlan = { costs: [], existing: 0, problems: [], rows: 0 };
  const byId = new Map(projectCosts.map((c) => [c.id, c]));
  const seenIds = new Map<string, number>();
  let columns: string[] | undefined;

  const walk = eachCsvRecord(input, (record) => {
    if (columns === undefined) {
      columns = record.fields.map((f) => f.trim().toLowerCase());
      const problem = headerProblem(columns, record.fields);
      if (problem) {
        plan.problems.push({ line: record.line, message: problem });
        return STOP;
      }
      return undefined;
    }
    plan.rows++;
    if (plan.rows > COST_IMPORT_MAX_ROWS) {
      plan.tooMany = true;
      return STOP;
    }
    checkRecord(record, columns, project, byId, seenIds, plan);
    return undefined;
  });
  if (!walk.ok) {
    // Not CSV from some line on: that is the one problem to fix first.
    return { costs: [], existing: 0, problems: [{ line: walk.line, message: walk.message }], rows: 0 };
  }
  if (plan.tooMany) {
    plan.costs = [];
    plan.problems = [
      {
        line: 0,
        message: `the file has more than ${COST_IMPORT_MAX_ROWS.toLocaleString("en-US")} rows; Charter imports at most ${COST_IMPORT_MAX_ROWS.toLocaleString("en-US")} costs at a time: split it and import each part`,
      },
    ];
    return plan;
  }
  if (columns === undefined) {
    plan.problems.push({
      line: 0,
      message: `the file is empty: it needs a header row with the columns ${REQUIRED_COST_COLUMNS.join(", ")}`,
    });
    return plan;
  }
  if (plan.problems.length === 0) {
    const total = projectTotal + plan.costs.reduce((sum, c) => sum + c.amount, 0n);
    if (!withinMoneyLimit(total)) {
      plan.problems.push({
        line: 0,
        message: `with these costs ${project.name}'s costs would come to ${formatMoney(total, project.currency)}; Charter keeps every project's totals below ${moneyLimitText(project.currency)}`,
      });
    }
  }
  return plan;
}

/** What is wrong with a header row, if anything. */
function headerProblem(columns: readonly string[], fields: readonly string[]): string | undefined {
  const problems: string[] = [];
  columns.forEach((name, i) => {
    if (!(COST_COLUMNS as readonly string[]).includes(name))
      problems.push(name ? `unknown column ${shown(fields[i]!)}` : `column ${i + 1} has no name`);
    else if (columns.indexOf(name) !== i) problems.push(`the column ${name} appears twice`);
  });
  const missing = REQUIRED_COST_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) problems.push(`the header has no ${joinWords([...missing])} column${missing.length > 1 ? "s" : ""}`);
  return problems.length ? `${problems.join("; ")} (the columns are ${COST_COLUMNS.join(", ")})` : undefined;
}

/** One data row: its cost joins the plan, or its problems do. */
function checkRecord(
  record: CsvRecord,
  columns: readonly string[],
  project: Pick<Project, "name" | "currency">,
  byId: ReadonlyMap<string, CostEntry>,
  seenIds: Map<string, number>,
  plan: CostImportPlan,
): void {
  const { line, fields } = record;
  const extra = fields.slice(columns.length);
  if (fields.length < columns.length || extra.some((f) => f !== "")) {
    plan.problems.push({ line, message: `has ${fields.length} field${fields.length === 1 ? "" : "s"}, the header has ${columns.length}` });
    return;
  }
  const cell = (name: Column): string | undefined => {
    const i = columns.indexOf(name);
    return i === -1 ? undefined : unguardFormula(fields[i]!);
  };
  const wrong: string[] = [];
  // PostgreSQL text can't hold NUL; say so here rather than fail the whole transaction later.
  if (fields.some((f) => f.includes("\u0000"))) wrong.push("holds a NUL character, which Charter can't store");
  const row = checkRow(cell, project, wrong);
  if (row.id) {
    const earlier = seenIds.get(row.id);
    if (earlier !== undefined) wrong.push(`has the same id as line ${earlier}`);
    else seenIds.set(row.id, line);
  }
  if (wrong.length) {
    plan.problems.push({ line, message: wrong.join("; ") });
    return;
  }
  const cost = { ...(row as ImportedCost), line };
  const stored = cost.id ? byId.get(cost.id) : undefined;
  if (stored) {
    const differs = differences(stored, cost);
    if (differs.length) {
      plan.problems.push({
        line,
        message: `cost ${cost.id} is already in ${project.name} with a different ${joinWords(differs)}; an import never changes a logged cost (empty the id to add this row as a new cost)`,
      });
    } else plan.existing++;
    return;
  }
  plan.costs.push(cost);
}

/** One row's values; what is wrong goes to `wrong`. */
function checkRow(
  cell: (name: Column) => string | undefined,
  project: Pick<Project, "name" | "currency">,
  wrong: string[],
): Partial<ImportedCost> {
  const row: Partial<ImportedCost> = {};

  const id = cell("id")?.trim() ?? "";
  if (id.length > ID_MAX) wrong.push(`the id is longer than ${ID_MAX} characters`);
  else if (id) row.id = id;

  const date = cell("date")!.trim();
  if (!date) wrong.push("the date is missing");
  else if (!isIsoDate(date)) wrong.push(`the date ${shown(date)} is not a date written YYYY-MM-DD, like 2026-03-02`);
  else if (!isDateInRange(date)) wrong.push(`the date ${date} is out of range: dates must be ${DATE_RANGE_TEXT}`);
  else row.incurredOn = date;

  const currencyText = cell("currency")!.trim();
  const currency = parseCurrency(currencyText);
  if (!currencyText) wrong.push("the currency is missing");
  else if (!currency.ok) wrong.push(`the currency ${shown(currencyText)} is not a 3-letter code like USD`);
  else if (currency.value !== project.currency) {
    wrong.push(
      `the currency is ${currency.value}, but ${project.name} keeps its costs in ${project.currency} (Charter does not convert currencies)`,
    );
  } else row.currency = currency.value;

  const amountText = cell("amount")!.trim();
  if (!amountText) wrong.push("the amount is missing");
  else {
    const amount = parseAmount(amountText, currency.ok ? currency.value : project.currency);
    if (!amount.ok) {
      const why = amount.message.replace(/\s*Write it like.*$/, "").replace(/\.$/, "");
      wrong.push(`the amount ${why}${/not an amount|misplaced/.test(why) ? "; write it like 1234.50" : ""}`);
    } else if (amount.value <= 0n) wrong.push("the amount must be more than zero");
    else row.amount = amount.value;
  }

  const categoryText = cell("category")!.trim();
  const category = categoryText.toLowerCase();
  if (!categoryText) wrong.push("the category is missing");
  else if (!(COST_CATEGORIES as readonly string[]).includes(category))
    wrong.push(`the category ${shown(categoryText)} is not one of ${COST_CATEGORIES.join(", ")}`);
  else row.category = category as CostCategory;

  // Person text: never the reserved characters of the core's references.
  const note = withoutReserved(cell("description") ?? "");
  if (Array.from(note).length > NOTE_MAX) wrong.push(`the description is longer than ${NOTE_MAX} characters`);
  else row.note = note === "" ? null : note;

  const loggedById = cell("logged_by_id")?.trim() ?? "";
  const loggedBy = cell("logged_by")?.trim() ?? "";
  if (loggedById.length > NAME_MAX || loggedBy.length > NAME_MAX)
    wrong.push(`logged_by and logged_by_id take at most ${NAME_MAX} characters`);
  else if (loggedById) row.loggedBy = { platformUserId: loggedById, name: loggedBy || null };

  const loggedAt = cell("logged_at")?.trim() ?? "";
  if (loggedAt) {
    const at = DateTime.fromISO(loggedAt, { setZone: true });
    if (!at.isValid || !/(Z|[+-]\d{2}(:?\d{2})?)$/i.test(loggedAt))
      wrong.push(`logged_at ${shown(loggedAt)} is not an ISO instant like 2026-03-02T10:00:00.000Z`);
    else row.loggedAt = at.toJSDate();
  }
  return row;
}

/** What differs between a stored cost and a row with its id. */
function differences(stored: CostEntry, row: ImportedCost): string[] {
  const out: string[] = [];
  if (stored.amount !== row.amount) out.push("amount");
  if (stored.currency !== row.currency) out.push("currency");
  if (stored.category !== row.category) out.push("category");
  if ((stored.note ?? null) !== (row.note ?? null)) out.push("description");
  if (stored.incurredOn !== row.incurredOn) out.push("date");
  return out;
}

const plural = (n: number, word: string): string => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

export const problemLine = (p: ImportProblem): string => (p.line > 0 ? `line ${p.line}: ${p.message}` : p.message);

export interface ImportOptions {
  /** Check only: say what would be added, write nothing. */
  dryRun?: boolean;
  /** How the file is called in messages ("costs.csv"). */
  source?: string;
}

export type ImportContext = Pick<Context, "tenant" | "store" | "notify" | "channel" | "log"> & { scope: Scope };

/**
 * Checks the file and, when every row is good, adds its costs in one
 * transaction. A rejection (ok: false) means nothing was written.
 */
export async function importCosts(
  ctx: ImportContext,
  project: Project,
  input: Uint8Array | string,
  options: ImportOptions = {},
): Promise<Reply> {
  const source = options.source ?? "the file";
  if (project.status === "closed") return archivedReply(project);
  const [projectCosts, before] = await Promise.all([
    ctx.store.costs.list(ctx.tenant, project.id),
    ctx.store.costs.totals(ctx.tenant, project.id),
  ]);
  const plan = planCostImport(input, project, projectCosts, before.total);
  if (plan.problems.length) {
    const rowProblems = plan.problems.filter((p) => p.line > 0).length;
    const summary = `Nothing was imported: ${
      plan.tooMany
        ? `${source} has more than ${plural(COST_IMPORT_MAX_ROWS, "row")}`
        : !plan.rows
          ? `${source} can't be read as a cost file`
          : rowProblems
            ? `${plural(rowProblems, "row")} of ${plural(plan.rows, "row")} ${rowProblems === 1 ? "has a problem" : "have problems"}`
            : `the costs of ${source} would pass the money limit`
    }.`;
    return rejection(summary, [
      text(summary),
      list(plan.problems.map(problemLine)),
      contextLine(
        `Fix ${plan.problems.length === 1 ? "it" : "them"} and import the whole file again; no cost was added to ${project.name}.`,
      ),
    ]);
  }
  const sum = plan.costs.reduce((total, c) => total + c.amount, 0n);
  const already = plan.existing
    ? [
        contextLine(
          `${plural(plan.existing, "row")} ${plan.existing === 1 ? "was" : "were"} already in ${project.name} (same id) and ${plan.existing === 1 ? "is" : "are"} left out.`,
        ),
      ]
    : [];
  if (options.dryRun) {
    const summary = `Checked ${source}: ${plural(plan.costs.length, "cost")} (${money(sum, project.currency)}) would be added to ${project.name}.`;
    return reply(summary, [text(summary), ...already, contextLine("Nothing was written: run it again without --dry-run to import.")]);
  }
  if (plan.costs.length === 0) {
    const summary = `No costs to add to ${project.name}: ${plan.rows ? "every row is there already" : `${source} has only its header`}.`;
    return reply(summary, [text(summary), ...already]);
  }
  const { added, existing } = await ctx.store.costs.addMany(
    ctx.scope,
    project.id,
    plan.costs.map(({ line: _line, ...cost }) => cost),
  );
  // Rows another import added between the check and the transaction: the store left them out.
  const raced = existing.length;
  const addedSum = added.reduce((total, c) => total + c.amount, 0n);
  const summary = `Imported ${plural(added.length, "cost")} (${money(addedSum, project.currency)}) into ${project.name}.`;
  const blocks: Block[] = [text(summary), ...already];
  if (raced > 0)
    blocks.push(
      contextLine(`${plural(raced, "row")} appeared in ${project.name} meanwhile (same id) and ${raced === 1 ? "was" : "were"} left out.`),
    );
  blocks.push(...(await budgetAlerts(ctx, project, before.total, added)));
  return reply(summary, blocks);
}

/** The budget alerts `cost add` raises, for the import as a whole. */
async function budgetAlerts(ctx: ImportContext, project: Project, spentBefore: bigint, added: readonly CostEntry[]): Promise<Block[]> {
  const blocks: Block[] = [];
  const [after, budget] = await Promise.all([
    ctx.store.costs.totals(ctx.tenant, project.id),
    ctx.store.budgets.get(ctx.tenant, project.id),
  ]);
  if (project.budgetTotal !== null && project.budgetTotal > 0n) {
    const used = percent(after.total, project.budgetTotal);
    blocks.push(
      contextLine(`Budget: ${used}% used — ${money(after.total, project.currency)} of ${money(project.budgetTotal, project.currency)}.`),
    );
    const crossed = crossedThreshold(spentBefore, after.total, project.budgetTotal);
    if (crossed) {
      blocks.push(
        text(
          crossed >= 100
            ? `*Budget exceeded:* spending is at ${used}% of the budget.`
            : `*Budget alert:* spending passed ${crossed}% of the budget.`,
        ),
      );
      const alerted = await postBudgetAlert(ctx, project, { threshold: crossed, spent: after.total, whole: project.budgetTotal });
      if (alerted.length) blocks.push(alertedLine(ctx, alerted));
    }
  }
  for (const category of COST_CATEGORIES) {
    const importedHere = added.filter((c) => c.category === category).reduce((total, c) => total + c.amount, 0n);
    if (importedHere === 0n) continue;
    const planned = budget.lines.filter((l) => l.category === category).reduce((total, l) => total + l.amount, 0n);
    const spent = after.byCategory[category] ?? 0n;
    const crossed = crossedThreshold(spent - importedHere, spent, planned);
    if (!crossed) continue;
    await postBudgetAlert(ctx, project, { threshold: crossed, spent, whole: planned, category });
    blocks.push(contextLine(`${category}: ${percent(spent, planned)}% of its plan of ${money(planned, project.currency)} used.`));
  }
  return blocks;
}
