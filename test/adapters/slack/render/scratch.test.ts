import { test } from "vitest";
import { toSlackMessages } from "../../../../src/adapters/slack/render/index.js";
test("scratch", () => {
const r = toSlackMessages({ ok: true, visibility: "private", summary: "Budget & risks <3", blocks: [
  { kind: "heading", text: "Project Apollo" },
  { kind: "text", text: "*Bold* & _it_ <@U123> <https://x.com?a=1&b=2|Link & more> [doc](https://d.com/x) a<b" },
  { kind: "fields", items: [["Budget", "€2,500"], ["Owner", "<@U1>"]] },
  { kind: "table", columns: ["#", "Title", "Amount"], rows: [["1", "Fix login bug", "1,200.00 EUR"], ["12", "Write a very long description of the task that wraps around the column width because it is long indeed and goes on and on and on and on and on and on", "3.50 EUR"]] },
  { kind: "progress", label: "Budget", ratio: 0.5, tone: "warn" },
  { kind: "list", items: ["one", "two & three"] },
  { kind: "image", alt: "burn chart", png: new Uint8Array() },
  { kind: "actions", buttons: [{ label: "Done", command: "task done #3", style: "primary" }, { label: "x".repeat(100), command: "help" }] },
  { kind: "context", text: "updated now" },
]});
console.log(JSON.stringify(r, null, 1));
for (const b of r[0]!.blocks) if (b.type === "section" && b.text) console.log(b.text.text);
});
