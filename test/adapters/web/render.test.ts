/** The HTML renderer escapes every text of a Reply and a Form; the session cookie and CSRF token resist tampering. */
import { describe, expect, it } from "vitest";
import { html } from "../../../src/adapters/web/html.js";
import { renderReply } from "../../../src/adapters/web/render/reply.js";
import { renderForm } from "../../../src/adapters/web/render/form.js";
import { inline } from "../../../src/adapters/web/render/inline.js";
import { csrfToken, validCsrf } from "../../../src/adapters/web/csrf.js";
import { decodeSession, encodeSession, newSession, sessionKey } from "../../../src/adapters/web/session.js";
import type { Reply } from "../../../src/core/views/reply.js";
import { linkRef } from "../../../src/core/views/references.js";
import { mentionOf } from "../../support/references.js";

const X = `<script>alert(1)</script>"'&\``;
const target = { action: "/console/c/local/forms", commandAction: "/console/c/local/messages", csrf: "tok", messageId: "c-1" };

describe("web console HTML renderer", () => {
  it("escapes every interpolation of the html template, and keeps Html parts as they are", () => {
    expect(html`<p title="${X}">${X}</p>`.toString()).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;&#96;">&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;&#96;</p>',
    );
    expect(html`<div>${html`<b>${"<i>"}</b>`}</div>`.toString()).toBe("<div><b>&lt;i&gt;</b></div>");
    expect(html`${[X, null, undefined, false]}`.toString()).not.toContain("<script>");
  });

  it("renders the core's markdown and references, and nothing else, as markup", () => {
    expect(
      inline(
        `*bold* _it_ \`code\` [site](https://example.com) <b>x</b> ${linkRef("https://example.com/a?b=1&c=2", "Docs <here>")} ${mentionOf("U1", "<Ann>")}`,
      ).toString(),
    ).toBe(
      '<strong>bold</strong> <em>it</em> <code>code</code> [site](https://example.com) &lt;b&gt;x&lt;/b&gt; <a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer" target="_blank">Docs &lt;here&gt;</a> <span class="mention">@&lt;Ann&gt;</span>',
    );
    expect(inline("[x](javascript:alert(1))").toString()).not.toContain("<a");
    expect(inline(`*${X}*`).toString()).not.toContain("<script>");
  });

  it("escapes every block kind and the form", () => {
    const reply: Reply = {
      ok: false,
      summary: X,
      visibility: "private",
      blocks: [
        { kind: "heading", text: X },
        { kind: "text", text: X },
        { kind: "fields", items: [[X, X]] },
        { kind: "table", columns: [X], rows: [[X]] },
        { kind: "progress", label: X, ratio: 0.5, tone: "warn" },
        { kind: "list", items: [X] },
        { kind: "image", alt: X, png: new Uint8Array([1, 2, 3]) },
        { kind: "file", name: X, title: X, mediaType: "text/csv", bytes: new Uint8Array([65]) },
        { kind: "actions", buttons: [{ label: X, command: X }] },
        { kind: "context", text: X },
      ],
      form: {
        command: "risk add",
        title: X,
        submitLabel: X,
        project: X,
        fields: [
          { name: "title", label: X, kind: "text", required: true, initial: X, hint: X },
          { name: "probability", label: X, kind: "select", required: true, options: [{ value: X, label: X }], initial: "9" },
          { name: "mitigation", label: X, kind: "longtext", required: false, initial: X },
        ],
        errors: { title: X, _: X },
      },
    };
    const out = renderReply(reply, target).toString();
    expect(out).not.toMatch(/<script/i);
    expect(out.match(/&lt;script&gt;/g)!.length).toBeGreaterThan(20);
    // The error sits under its field and is announced with it.
    expect(out).toContain('aria-describedby="form-c-1-title-hint form-c-1-title-error"');
    expect(out).toContain('<p class="field-error" id="form-c-1-title-error">&lt;script&gt;');
    // A value the options do not offer is kept (and shown) rather than silently dropped.
    expect(out).toContain('<option value="9" selected>9</option>');
    // Every form carries the CSRF token.
    expect(out.match(/name="csrf" value="tok"/g)!.length).toBe(2);
    expect(renderReply(reply, null).toString()).not.toContain("<form");
  });

  it("form ids stay unique when a field is called title", () => {
    const out = renderForm(
      {
        command: "task add",
        title: "New task",
        submitLabel: "Save",
        fields: [{ name: "title", label: "title", kind: "text", required: true }],
      },
      target,
    ).toString();
    const ids = [...out.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("web console session and CSRF token", () => {
  const key = sessionKey("a".repeat(40));
  const now = 1_800_000_000_000;

  it("accepts its own cookie until it expires, and nothing tampered", () => {
    const session = newSession("link", now);
    const cookie = encodeSession(key, session);
    expect(decodeSession(key, cookie, now + 1000)).toEqual(session);
    expect(decodeSession(key, cookie, session.expiresAt)).toBeNull();
    expect(decodeSession(sessionKey("b".repeat(40)), cookie, now)).toBeNull();
    const [payload, sig] = cookie.split(".");
    const forged = Buffer.from(JSON.stringify({ ...session, expiresAt: now * 2 })).toString("base64url");
    expect(decodeSession(key, `${forged}.${sig}`, now)).toBeNull();
    expect(decodeSession(key, `${payload}.`, now)).toBeNull();
    expect(decodeSession(key, `${payload}.${sig}.x`, now)).toBeNull();
    expect(decodeSession(key, undefined, now)).toBeNull();
  });

  it("binds the CSRF token to the session", () => {
    const a = newSession("open", now);
    const b = newSession("open", now);
    expect(validCsrf(key, a, csrfToken(key, a))).toBe(true);
    expect(validCsrf(key, b, csrfToken(key, a))).toBe(false);
    expect(validCsrf(key, a, undefined)).toBe(false);
    expect(validCsrf(key, a, "short")).toBe(false);
  });
});
