/**
 * The one-time sign-in link: GET /console/login?token=… shows a "Sign in"
 * button (so a link preview that fetches the URL does not use the token up);
 * POST uses the token up (once, unexpired), opens a session and goes to the
 * console. The form comes before any session, so its CSRF check is a
 * double-submit cookie: a random value set with the page and sent back in
 * the form, which another site can neither read nor set.
 */
import { randomBytes } from "node:crypto";
import { sameOrigin } from "../csrf.js";
import { sessionCookie } from "../access.js";
import type { RequestContext } from "../deps.js";
import { html } from "../html.js";
import { messagePage } from "../render/page.js";
import { readForm, redirect, sendHtml } from "../respond.js";
import { cookieHeader, newSession, readCookie, sameBytes } from "../session.js";

const LOGIN_COOKIE = "charter_login";

export function loginPage(ctx: RequestContext): void {
  const token = ctx.url.searchParams.get("token") ?? "";
  const check = randomBytes(18).toString("base64url");
  sendHtml(
    ctx.res,
    200,
    messagePage(
      "Sign in to the Charter console",
      html`<form method="post" action="/console/login">
  <input type="hidden" name="token" value="${token}">
  <input type="hidden" name="check" value="${check}">
  <p>This link signs you in once and expires ten minutes after it was made.</p>
  <button type="submit">Sign in</button>
</form>`,
    ),
    { "set-cookie": cookieHeader(ctx.req, LOGIN_COOKIE, check, 600) },
  );
}

export function signInNeeded(ctx: RequestContext, status = 401): void {
  sendHtml(
    ctx.res,
    status,
    messagePage(
      "Sign-in needed",
      html`<p>Slack or Microsoft Teams is connected, so the console asks for a one-time sign-in link.</p>
<p>Use the link printed when Charter started, or make a new one on the server with <code>npx charter console-link</code>.</p>`,
    ),
  );
}

export async function loginSubmit(ctx: RequestContext): Promise<void> {
  const form = await readForm(ctx.req);
  const sent = Buffer.from(form.get("check") ?? "");
  const cookie = Buffer.from(readCookie(ctx.req, LOGIN_COOKIE) ?? "");
  if (!sameOrigin(ctx.req) || cookie.length === 0 || !sameBytes(sent, cookie)) {
    signInNeeded(ctx, 403);
    return;
  }
  const { deps } = ctx;
  if (!(await deps.console.consumeLogin(form.get("token") ?? "", deps.now()))) {
    sendHtml(
      ctx.res,
      401,
      messagePage(
        "This link cannot be used",
        html`<p>A sign-in link works once, for ten minutes. Make a new one with <code>npx charter console-link</code>.</p>`,
      ),
    );
    return;
  }
  const session = newSession("link", deps.now().getTime());
  redirect(ctx.res, "/console/", { "set-cookie": [sessionCookie(ctx.req, deps, session), cookieHeader(ctx.req, LOGIN_COOKIE, "", 0)] });
}
