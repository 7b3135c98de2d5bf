#!/usr/bin/env node
/**
 * `npm run bench`: runs every benchmark in this folder against the built
 * code (dist/). Each figure is printed as one JSON line when measured, and
 * all of them as a table at the end. A missed target prints FAIL but does not
 * fail the run (benchmarks measure); a benchmark that crashes does.
 * Pass names to run some: `npm run bench -- slack digest`.
 */
import { readdirSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { allFigures, cleanUp, figureTable, HERE } from "./support.mjs";

const wanted = process.argv.slice(2);
const available = readdirSync(HERE)
  .filter((f) => f.endsWith(".bench.mjs"))
  .sort();
const benches = available.filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)));
if (benches.length === 0) {
  console.error(`No benchmark matches ${wanted.join(", ")}. Available: ${available.map((f) => f.replace(/\.bench\.mjs$/, "")).join(", ")}`);
  process.exit(2);
}

process.once("exit", cleanUp);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
// Other work on the machine skews every figure: say how busy it was.
console.log(`Node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? "unknown"}), load average ${load()}`);
const began = Date.now();
const crashed = [];
for (const file of benches) {
  const name = file.replace(/\.bench\.mjs$/, "");
  console.log(`\n# ${name}`);
  const started = Date.now();
  try {
    const bench = await import(pathToFileURL(join(HERE, file)).href);
    await bench.default();
  } catch (error) {
    crashed.push(name);
    console.error(`[${name}] crashed:`, error);
  } finally {
    cleanUp();
  }
  console.log(`[${name}] ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const figures = allFigures();
console.log(`\n${figureTable(figures)}`);
const failed = figures.filter((f) => f.pass === false).length;
const passed = figures.filter((f) => f.pass === true).length;
console.log(`\nload average at the end: ${load()}`);
console.log(
  `\n${passed} passed, ${failed} failed, ${figures.length - passed - failed} for information; ${crashed.length ? `CRASHED: ${crashed.join(", ")}; ` : ""}wall time ${((Date.now() - began) / 1000).toFixed(0)} s`,
);
// Exit even if a crashed benchmark left a handle open.
process.exit(crashed.length ? 1 : 0);
