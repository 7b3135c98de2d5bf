import { describe, expect, it } from "vitest";
import { plain, progressBar, renderText } from "../../../src/core/views/render-text.js";
import { actions, contextLine, fields, heading, list, progress, reply, table, text } from "../../../src/core/views/reply.js";

describe("renderText", () => {
  it("renders every block kind as readable text", () => {
    const out = renderText(
      reply("s", [
        heading("Budget"),
        text("Logged *$5.00* for _travel_."),
        fields([
          ["Total", "$10.00"],
          ["Remaining", "$5.00"],
        ]),
        table(["#", "Title"], [["1", "Fix login_form bug"]]),
        progress("Used", 0.5),
        list(["one"]),
        actions([{ label: "Mark done", command: "task done #1" }]),
        contextLine("See `help`."),
      ]),
    );
    expect(out).toBe(
      [
        "Budget",
        "══════",
        "Logged $5.00 for travel.",
        "Total:     $10.00",
        "Remaining: $5.00",
        "#  Title",
        "─  ──────────────────",
        "1  Fix login_form bug",
        `Used ${"█".repeat(10)}${"░".repeat(10)} 50%`,
        "• one",
        "[Mark done: task done #1]",
        "See `help`.",
      ].join("\n"),
    );
  });

  it("clamps progress outside 0..1 and survives NaN", () => {
    expect(progressBar(2, 4)).toBe("████");
    expect(progressBar(-1, 4)).toBe("░░░░");
    expect(progressBar(Number.NaN, 4)).toBe("░░░░");
  });

  it("keeps asterisks and underscores that are not markup", () => {
    expect(plain("2*3*4 and snake_case_name and *bold*")).toBe("2*3*4 and snake_case_name and bold");
  });

  it("lists a form's fields with their errors", () => {
    const out = renderText({
      ...reply("s", []),
      form: {
        command: "cost add",
        title: "Log a cost",
        submitLabel: "Save",
        fields: [{ name: "amount", label: "Amount", kind: "money", required: true }],
        errors: { amount: '"abc" is not an amount.' },
      },
    });
    expect(out).toContain('Amount (required) — "abc" is not an amount.');
  });
});
