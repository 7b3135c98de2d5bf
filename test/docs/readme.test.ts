import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { commandReference, REFERENCE_END, REFERENCE_START, withReference } from "../../src/core/commands/reference.js";
import { commands } from "../../src/core/commands/index.js";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

describe("README", () => {
  it("carries the command reference generated from the command definitions (run npm run docs:commands)", () => {
    expect(withReference(readme)).toBe(readme);
  });

  it("lists every command in that reference", () => {
    const section = readme.slice(readme.indexOf(REFERENCE_START), readme.indexOf(REFERENCE_END));
    for (const def of commands) expect(section).toContain(`\`${def.path.join(" ")}`);
    expect(section).toContain(commandReference().split("\n")[2]);
  });

  it("gives the two commands: run the bot and run the tests", () => {
    expect(readme).toContain("npm ci && npm start");
    expect(readme).toContain("npm ci && npm test");
  });

  it("opens with a table of contents that links every section, and only sections that exist", () => {
    // GitHub's anchors: lower case, punctuation other than - and _ dropped, spaces as -.
    const slug = (heading: string) =>
      heading
        .trim()
        .toLowerCase()
        .replace(/[^\w\- ]/g, "")
        .replace(/ /g, "-");
    const body = readme.replace(/```[\s\S]*?```/g, "");
    const headings = [...body.matchAll(/^(##|###) (.+)$/gm)].map((m) => m[2]!).filter((h) => h !== "Contents");
    const contents = body.slice(body.indexOf("## Contents"), body.indexOf("## Quick start"));
    const links = [...contents.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links).toEqual(headings.map(slug));
  });
});
