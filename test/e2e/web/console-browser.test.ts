/**
 * The web console in a real browser: headless Chromium (Debian's
 * /usr/bin/chromium, driven by playwright-core) against the built
 * `charter start` on a fresh SQLite file. Screenshots are kept under
 * test-artifacts/web-console/.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ChildProcess } from "node:child_process";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../support/cli.js";
import { startCharter } from "../charter-binary.js";

const CHROMIUM = "/usr/bin/chromium";
// The browser globals these tests use (the project compiles without the DOM's types; the page's CSP forbids evaluating strings).
declare const document: {
  activeElement: { getAttribute(name: string): string | null } | null;
  querySelectorAll(selector: string): { length: number };
  documentElement: { scrollWidth: number };
};
declare class Option {
  constructor(text: string, value: string);
}
const ACTIVE_NAME = () => document.activeElement?.getAttribute("name");
const PAGE_WIDTH = () => document.documentElement.scrollWidth;
const ARTIFACTS = fileURLToPath(new URL("../../../test-artifacts/web-console/", import.meta.url));

describe("web console in Chromium", () => {
  let child: ChildProcess;
  let url: string;
  let dir: string;
  let env: Record<string, string>;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), "charter-browser-"));
    env = { DATABASE_URL: `file:${join(dir, "charter.db")}`, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn" };
    const started = await startCharter(env, dir);
    child = started.child;
    // The address the console prints for people to open.
    url = /Web console: (http:\S+?)\/? /.exec(started.output())![1]!;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      await new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill("SIGTERM");
      });
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const composer = () => page.getByRole("combobox", { name: "Command" });
  const lastBotMessage = () => page.locator("#messages > li.msg-bot").last();

  async function send(words: string): Promise<void> {
    const before = await page.locator("#messages > li").count();
    await composer().fill(words);
    await composer().press("Enter");
    await page.waitForFunction((n) => document.querySelectorAll("#messages > li").length >= n + 2, before);
  }

  it("opens on the chat view and completes command names with their argument hints", async () => {
    await page.goto(`${url}/`);
    await expect.poll(() => page.title()).toContain("# local");
    await composer().focus();
    await page.keyboard.type("proj");
    const suggestions = page.getByRole("listbox", { name: "Commands" });
    await suggestions.waitFor({ state: "visible" });
    expect(await suggestions.getByRole("option").allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining("project create")]),
    );
    await page.keyboard.press("Tab");
    expect(await composer().inputValue()).toBe("project create ");
    expect(await page.locator("#composer-hint").textContent()).toContain('project create "<name>"');
    await page.screenshot({ path: join(ARTIFACTS, "01-autocomplete.png") });
  });

  it("runs project create and cost add, showing the replies", async () => {
    await page.keyboard.type('"Apollo" budget 10000 USD');
    await page.keyboard.press("Enter");
    await expect.poll(() => lastBotMessage().textContent()).toContain("Created project Apollo");
    await send('cost add 2500 USD labour "Sprint 1"');
    const reply = await lastBotMessage().textContent();
    expect(reply).toContain("$2,500.00");
    expect(reply).toContain("Sprint 1");
    await page.screenshot({ path: join(ARTIFACTS, "02-replies.png") });
  });

  it("submits the risk add form: an invalid probability shows an inline error, a valid one saves", async () => {
    await send("risk add");
    const form = page.locator("form.reply-form").last();
    await form.waitFor();
    // The form takes the focus, so the keyboard goes on from there.
    await expect.poll(() => page.evaluate(ACTIVE_NAME)).toBe("field.title");
    await page.keyboard.type("Vendor delay");
    // A probability the list does not offer, as a hand-made request would send: the server must refuse it.
    await form.getByLabel("Probability").evaluate((select: { add(option: Option): void }) => select.add(new Option("9", "9")));
    await form.getByLabel("Probability").selectOption("9");
    await form.getByLabel("Impact").selectOption("4");
    await form.getByRole("button", { name: "Save" }).click();
    const error = page.locator("form.reply-form .field-error").last();
    await error.waitFor();
    expect(await error.textContent()).toContain("is not a probability");
    const probability = page.locator("form.reply-form").last().getByLabel("Probability");
    expect(await probability.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => page.evaluate(ACTIVE_NAME)).toBe("field.probability");
    expect(await page.locator("form.reply-form").last().getByLabel("Title").inputValue()).toBe("Vendor delay");
    await page.screenshot({ path: join(ARTIFACTS, "03-form-error.png") });

    await probability.selectOption("3");
    await page.locator("form.reply-form").last().getByRole("button", { name: "Save" }).click();
    await expect.poll(() => lastBotMessage().textContent()).toContain("Added risk #1 Vendor delay");
    await page.screenshot({ path: join(ARTIFACTS, "04-form-saved.png") });
  });

  it("keeps markup typed in chat inert", async () => {
    await send('cost add 10 USD other "<script>alert(1)</script><img src=x onerror=alert(2)>"');
    expect(await lastBotMessage().textContent()).toContain("<script>alert(1)</script><img src=x onerror=alert(2)>");
    expect(await page.locator("#messages img").count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it("shows what the bot posts on its own live: a budget alert from another process", async () => {
    const before = await page.locator("#messages > li").count();
    const run = await runCli(["run", "--", "cost", "add", "3000", "USD", "consultants"], env, dir);
    expect(run.code, run.stderr).toBe(0);
    await page.waitForFunction(
      (n) => document.querySelectorAll("#messages > li.msg-posted").length > 0 && document.querySelectorAll("#messages > li").length > n,
      before,
      { timeout: 10_000 },
    );
    expect(await page.locator("#messages > li.msg-posted").last().textContent()).toMatch(/Alert[\s\S]*Apollo/);
    await page.screenshot({ path: join(ARTIFACTS, "05-live-alert.png") });
  });

  it("shows the project's dashboard with its figures, at desktop and phone widths", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "Apollo" }).click();
    await page.getByRole("heading", { level: 1, name: "Apollo" }).waitFor();
    const figure = (name: string) => page.locator(`[data-figure="${name}"]`).textContent();
    expect(await figure("Budget")).toBe("$10,000.00");
    expect(await figure("Spent")).toBe("$5,510.00");
    expect(await figure("Remaining")).toBe("$4,490.00");
    expect(await figure("Used")).toBe("55%");
    expect(await page.getByRole("progressbar").first().getAttribute("value")).toBe("55");
    const burn = page.getByRole("img", { name: /Budget burn-up/ });
    expect(await burn.evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth > 0)).toBe(true);
    // Risk #1 is p3 × i4.
    expect((await page.locator("table.risk-matrix tbody tr").nth(2).locator("td").nth(3).textContent())?.trim()).toMatch(/^1/);
    expect(await page.locator(".activity li").first().textContent()).toContain("cost.add");
    await page.screenshot({ path: join(ARTIFACTS, "06-dashboard-desktop.png"), fullPage: true });

    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(PAGE_WIDTH)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(ARTIFACTS, "07-dashboard-phone.png"), fullPage: true });
    await page.goto(`${url}/console/c/local`);
    expect(await page.evaluate(PAGE_WIDTH)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(ARTIFACTS, "08-chat-phone.png"), fullPage: true });
    expect(dialogs).toEqual([]);
  });
});
