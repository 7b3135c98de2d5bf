import { describe, expect, it } from "vitest";
import { slug } from "../../src/core/slug.js";
import { attachmentOf, type ImageBlock } from "../../src/core/views/attachments.js";
import { image } from "../../src/core/views/reply.js";
import { defaultExportFolder } from "../../src/admin/export-command.js";

describe("slug", () => {
  it("keeps letters of any script, digits and inner dots, lower-cased, joined by single dashes", () => {
    expect(slug("Budget burn: Apollo (2026)")).toBe("budget-burn-apollo-2026");
    expect(slug("Zeus 2.0 / Web")).toBe("zeus-2.0-web");
    expect(slug("Café: Ünïcode")).toBe("café-ünïcode");
    expect(slug("Cafe\u0301")).toBe("café");
    expect(slug("予算 バーン")).toBe("予算-バーン");
  });

  it("never names a hidden file, a parent folder or a path", () => {
    expect(slug("../../etc/passwd")).toBe("etc-passwd");
    expect(slug(".hidden")).toBe("hidden");
    expect(slug("..")).toBe("");
    expect(slug("///")).toBe("");
  });

  it("cuts at max characters without leaving a dash, a dot or half a character at the end", () => {
    expect(slug("a".repeat(59) + " b", 60)).toBe("a".repeat(59));
    expect(slug("ab.cd", 3)).toBe("ab");
    expect(slug("𝒜𝒜𝒜", 2)).toBe("𝒜𝒜");
  });

  it("names chart files and export folders alike", () => {
    const chart = (alt: string) => attachmentOf(image(alt, new Uint8Array([137, 80, 78, 71])) as ImageBlock).filename;
    expect(chart("Budget burn 2.0: spent against plan")).toBe("budget-burn-2.0.png");
    expect(chart(`${"Burn ".repeat(20)}: long`)).toBe(`${"burn-".repeat(12).slice(0, -1)}.png`);
    expect(chart("???: nothing")).toBe("chart.png");
    expect(defaultExportFolder("Budget burn 2.0", "2026-03-02")).toBe("export-budget-burn-2.0-2026-03-02");
  });
});
