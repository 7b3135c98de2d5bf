/**
 * Words a person typed are shown back in refusals and suggestions cut to 60
 * characters: a pasted 900 KB word is one short reply, not pages of it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ECHO_LIMIT, echo } from "../../src/core/grammar/echo.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";
import { apolloFixture } from "../support/project.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("sqlite");
});
afterAll(() => database?.drop());

const huge = "x".repeat(900 * 1024);
const shownPart = "x".repeat(ECHO_LIMIT);

describe("echo", () => {
  it("cuts a word to 60 characters, counting characters, not UTF-16 units", () => {
    expect(ECHO_LIMIT).toBe(60);
    expect(echo("cost")).toBe("cost");
    expect(echo("a".repeat(60))).toBe("a".repeat(60));
    expect(echo("a".repeat(61))).toBe(`${"a".repeat(60)}…`);
    expect(echo("😀".repeat(70))).toBe(`${"😀".repeat(60)}…`);
  });
});

describe("typed words shown back", () => {
  it.each([
    ["an unknown command", huge],
    ["an unknown command with a suggestion", `cots ${huge}`],
    ["an unknown subcommand", `cost ${huge}`],
    ["a word that fits nowhere", `task done #1 ${huge}`],
    ["a value that does not parse", `cost add ${huge} USD labour`],
    ["an unknown project", `cost list in "${huge}"`],
  ])("%s is cut to 60 characters", async (_what, words) => {
    const f = await apolloFixture(database.store, "echo");
    const before = await f.writes();
    const answer = await f.pm.say(words);
    expect(answer.ok).toBe(false);
    expect(answer.text).toMatch(/x…/);
    expect(answer.text).not.toContain(`${shownPart}x`);
    expect(answer.text.length).toBeLessThan(600);
    expect(await f.writes()).toBe(before);
  });
});
