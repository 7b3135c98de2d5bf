/**
 * Charter's layers and their doors (docs: DESIGN "Architecture"), checked by
 * `npm run boundaries` and test/architecture/boundaries.test.ts.
 *
 * Inner to outer: src/core (pure) -> src/store (the only door to Prisma) ->
 * src/outbox, src/scheduler -> src/adapters/<platform>, src/http,
 * src/observability, src/admin -> the composition roots
 * (src/main.ts, src/cli.ts, src/runtime.ts, src/wiring/), which wire
 * everything up. Nothing imports a layer above its own, and no import cycle
 * exists. Type-only imports and dynamic import() count like any other.
 */

/** The composition roots: they may import anything. */
const ROOTS = ["^src/(main|cli|runtime)[.]ts$", "^src/wiring/"];
/** What only src/store may import: the generated Prisma client and the database drivers. */
const PERSISTENCE = ["^src/generated/", "^(node_modules/)?(@prisma/|[.]prisma/|prisma/|pg/|pg$|better-sqlite3/|better-sqlite3$)"];
/** The npm packages the core uses (pure libraries); anything else is outside the core. */
const CORE_PACKAGES = "^(node_modules/)?(luxon|zod|vega|vega-lite|@resvg/resvg-js|csv-parse|csv-stringify)(/|$)";
/** The Node built-ins the core uses (chart fonts and PNG encoding). */
const CORE_BUILTINS = "^(node:)?(module|zlib)$";

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Import cycles: move what both sides need to a module of its own, or pass it in.",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "core-is-pure",
      severity: "error",
      comment: "src/core imports only src/core, a few pure libraries and Node's module/zlib: no SDK, no Prisma, no other layer.",
      from: { path: "^src/core/" },
      to: { pathNot: ["^src/core/", CORE_PACKAGES, CORE_BUILTINS] },
    },
    {
      name: "only-store-persists",
      severity: "error",
      comment: "Only src/store imports the Prisma client (src/generated, @prisma/*) and the database drivers (pg, better-sqlite3).",
      from: { path: "^src/", pathNot: ["^src/store/", "^src/generated/"] },
      to: { path: PERSISTENCE },
    },
    {
      name: "core-through-its-face",
      severity: "error",
      comment:
        "Outer layers use the core through src/core/index.ts, its public face; what is not exported there is the core's own business.",
      from: { path: "^src/", pathNot: ["^src/core/", "^src/generated/"] },
      to: { path: "^src/core/", pathNot: "^src/core/index[.]ts$" },
    },
    {
      name: "adapters-apart",
      severity: "error",
      comment:
        "One platform's adapter does not import another's; what they share lives in src/adapters/common/ or at src/adapters/ itself.",
      from: { path: "^src/adapters/([^/]+)/" },
      to: { path: "^src/adapters/[^/]+/", pathNot: ["^src/adapters/$1/", "^src/adapters/common/"] },
    },
    {
      name: "outbox-scheduler-below-platforms",
      severity: "error",
      comment:
        "src/outbox and src/scheduler reach platforms only through ports (Sender, OutboxQueue): no adapters, HTTP, outer layers or composition roots.",
      from: { path: "^src/(outbox|scheduler)/" },
      to: { path: ["^src/(adapters|http|observability|admin)/", ...ROOTS] },
    },
    {
      name: "store-below-everything-but-core",
      severity: "error",
      comment: "src/store implements the core's ports; it imports nothing from the layers that use it.",
      from: { path: "^src/store/" },
      to: { path: ["^src/(outbox|scheduler|adapters|http|observability|admin)/", ...ROOTS] },
    },
    {
      name: "entry-points-not-imported",
      severity: "error",
      comment: "src/main.ts and src/cli.ts are entry points: only composition roots (and tests) import them.",
      from: { path: "^src/", pathNot: ROOTS },
      to: { path: "^src/(main|cli)[.]ts$" },
    },
    {
      name: "resolvable",
      severity: "error",
      comment: "An import that cannot be resolved cannot be checked against the rules above.",
      from: { path: "^src/" },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // The generated Prisma client is a leaf: src/store's imports of it are checked, its own insides are not.
    doNotFollow: { path: ["node_modules", "^src/generated/"] },
    // Type-only imports are dependencies too (they tie a module to another's shape).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.build.json" },
    // import() is seen as it is. A module loaded through createRequire is seen when the function is named
    // require (`const require = createRequire(import.meta.url); require("x")`); name any other alias here.
    exoticRequireStrings: [],
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    skipAnalysisNotInRules: true,
  },
};
