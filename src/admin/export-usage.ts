/** The usage texts of `charter export` and `charter import costs` (shown by --help and on misuse). */

export const EXPORT_USAGE = "Usage: charter export --project <name> [--format csv|json] [--out <dir>] [--tenant <id>]";

export const EXPORT_HELP = `${EXPORT_USAGE}

Writes the project's tasks, costs, risks and kpis into one file each (tasks.csv,
costs.csv, risks.csv, kpis.csv, or .json) in --out, default ./export-<project>-<date>/
(the project name in lower case, other characters than letters, digits, . and -
as -; the date is today's local date). Files of the same name there are replaced.
Prints the path of each file, one a line. Large exports show a progress bar on
stderr when it is a terminal.

  --project <name>   the project (required; any case)
  --format csv|json  default csv
  --out <dir>        the folder, created when missing
  --tenant <id>      local (the default), local:<name>, slack:<team id> or teams:<tenant id>

CSV: UTF-8 with a byte-order mark, a header row, columns in a fixed order, CRLF
line ends, RFC 4180 quoting (line breaks inside a field are kept). Dates are
YYYY-MM-DD, times ISO 8601 in UTC, amounts decimals in major units (1234.50)
with the currency in its own column. A text that a spreadsheet would run as a
formula (starting with = + - @, a tab or a line break) gets one apostrophe in
front; charter import removes exactly that one again.
JSON: an array of objects per file with the same fields in the same order,
values exact (no apostrophe), amounts as decimal strings.

costs.csv columns: id,date,amount,currency,category,description,logged_by,logged_by_id,logged_at`;

export const IMPORT_USAGE =
  "Usage: charter import costs <file.csv> [--project <name>] [--dry-run] [--tenant <id>] [--user <id>] [--channel <id>]";

export const IMPORT_HELP = `${IMPORT_USAGE}

Adds the costs of a CSV file (the costs.csv of charter export, or one made in a
spreadsheet) to a project, all or nothing:
- If any row is bad, NOTHING is imported: every bad row is listed with the line
  it starts on and what is wrong (exit 1). Otherwise all rows are added in one
  transaction and the number of costs added is printed.
- At most 100,000 rows: a larger file is refused whole, also with --dry-run
  (split it). Dates must fall in 1970-01-01..2199-12-31, and the file's costs
  with the project's must stay below the money limit (10^15 minor units).
- Columns, by header name in any order and case: date (YYYY-MM-DD), amount
  (1234.50, in major units), currency (must be the project's: Charter does not
  convert) and category (labour, equipment, software, travel, consultants,
  other) are required; id, description, logged_by, logged_by_id and logged_at
  are optional. Other columns are refused.
- Re-importing is safe: a row whose id is already a cost of the project is
  skipped (importing a project's own export adds nothing twice); the same id
  with a changed amount, currency, category, description or date is refused
  (an import never changes a logged cost; empty the id to add it as new).
  Rows with no id, or the id of a cost elsewhere, are added as new costs, so
  importing one file into another project twice adds its costs twice.
- Who logged each cost comes from logged_by_id (with logged_by as the name of
  someone the workspace does not know yet); rows without it are logged by
  --user. logged_at is kept when given. The audit log names --user.
- Budget alerts (50/80/100 %) are raised as for cost add.

  --project <name>   the project; default: the one linked to --channel
  --dry-run          check the file and say what would be added; write nothing
  --tenant <id>      local (the default), local:<name>, slack:<team id> or teams:<tenant id>
  --user <id>        who imports (default: local-user)
  --channel <id>     the channel whose project is the default (default: local)

Exit codes: 0 imported (or checked), 1 nothing imported (a bad row, no such
project, a closed project), 2 the command line is wrong or the file can't be read.`;
