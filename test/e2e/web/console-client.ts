/** A browser-like HTTP client for the web console: keeps cookies, reads the CSRF token from pages, posts forms. */
export interface Page {
  status: number;
  body: string;
  location: string | null;
  headers: Headers;
}

export class ConsoleClient {
  private cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Page> {
    const res = await fetch(this.base + path, { redirect: "manual", headers: { cookie: this.cookieHeader(), ...headers } });
    this.remember(res);
    return { status: res.status, body: await res.text(), location: res.headers.get("location"), headers: res.headers };
  }

  async post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Page> {
    const res = await fetch(this.base + path, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: this.cookieHeader(), "content-type": "application/x-www-form-urlencoded", origin: this.base, ...headers },
      body: new URLSearchParams(fields).toString(),
    });
    this.remember(res);
    return { status: res.status, body: await res.text(), location: res.headers.get("location"), headers: res.headers };
  }

  /** Types a command in a channel, as the composer does; returns the channel page after the redirect. */
  async say(words: string, channel = "local"): Promise<Page> {
    const page = await this.get(`/console/c/${channel}`);
    const posted = await this.post(`/console/c/${channel}/messages`, { csrf: csrfOf(page.body), text: words });
    if (posted.status !== 303) throw new Error(`posting "${words}" answered ${posted.status}: ${posted.body}`);
    return this.get(posted.location!.replace(/#.*$/, ""));
  }
}

export function csrfOf(body: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(body);
  if (!match) throw new Error("no CSRF token on the page");
  return match[1]!;
}

/** The id of the last message whose form is on the page. */
export function lastFormMessage(body: string): string {
  const all = [...body.matchAll(/name="message" value="([^"]+)"/g)];
  if (all.length === 0) throw new Error("no form on the page");
  return all.at(-1)![1]!;
}
