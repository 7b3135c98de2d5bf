/**
 * What the web console keeps in the database, and what it reads there:
 * - ConsoleMessage: each local channel's conversation (the words typed and
 *   the bot's answer), so a reload, another tab or a restart shows it again;
 * - OutboxMessage (read only): what the bot posted on its own. Platform
 *   "local" rows are the scheduler's and alerts' posts to local channels
 *   (shown inside those channels); Slack and Teams rows are the read-only
 *   mirrors of their channels;
 * - ConsoleLogin: one-time sign-in links, by the SHA-256 of their token.
 */
import { type Platform, LOCAL_TENANT, type Reply, renderText } from "../../core/index.js";
import { createHash, randomBytes } from "node:crypto";
import type { Database } from "../database.js";
import { deserializeReply, serializeReply } from "../reply-json.js";

export const CONSOLE_TENANT = LOCAL_TENANT;
/** How long a one-time sign-in link stays valid. */
export const LOGIN_TTL_MS = 10 * 60_000;
/** Messages shown when a channel opens. */
export const PAGE_SIZE = 100;

export interface ChatMessage {
  id: string;
  author: "user" | "bot";
  /** Words typed (user), or the reply's text (bot). */
  text: string;
  reply: Reply | null;
  at: Date;
  /** Where the message came from: typed in the console, or posted by the bot through the outbox. */
  source: "console" | "outbox";
  /** Outbox rows: queued, sent or failed; kind: standup-prompt, digest, alert … */
  status?: string;
  kind?: string;
}

export interface ChannelEntry {
  platform: Platform;
  tenantId: string;
  channelId: string;
}

interface OutboxLike {
  id: string;
  kind: string;
  payload: string;
  text: string;
  status: string;
  createdAt: Date;
  sentAt: Date | null;
}

function fromOutbox(row: OutboxLike): ChatMessage {
  let reply: Reply | null = null;
  try {
    reply = deserializeReply(row.payload);
  } catch {
    reply = null;
  }
  return {
    id: `o-${row.id}`,
    author: "bot",
    text: row.text,
    reply,
    at: row.sentAt ?? row.createdAt,
    source: "outbox",
    status: row.status,
    kind: row.kind,
  };
}

function fromConsole(row: { id: string; author: string; text: string; payload: string | null; createdAt: Date }): ChatMessage {
  let reply: Reply | null = null;
  if (row.payload) {
    try {
      reply = deserializeReply(row.payload);
    } catch {
      reply = null;
    }
  }
  return { id: `c-${row.id}`, author: row.author === "user" ? "user" : "bot", text: row.text, reply, at: row.createdAt, source: "console" };
}

const byTime = (a: ChatMessage, b: ChatMessage) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id);

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

export function consoleRepository(db: Pick<Database, "prisma">) {
  const { prisma } = db;
  return {
    async addTyped(channelId: string, userId: string, words: string): Promise<ChatMessage> {
      const row = await prisma.consoleMessage.create({
        data: { tenantId: CONSOLE_TENANT, channelId, author: "user", userId, text: words },
      });
      return fromConsole(row);
    },

    async addReply(channelId: string, reply: Reply): Promise<ChatMessage> {
      const row = await prisma.consoleMessage.create({
        data: { tenantId: CONSOLE_TENANT, channelId, author: "bot", text: renderText(reply), payload: serializeReply(reply) },
      });
      return fromConsole(row);
    },

    async message(channelId: string, id: string): Promise<ChatMessage | null> {
      if (!id.startsWith("c-")) return null;
      const row = await prisma.consoleMessage.findFirst({ where: { id: id.slice(2), tenantId: CONSOLE_TENANT, channelId } });
      return row ? fromConsole(row) : null;
    },

    /** A channel's messages, oldest first: the last PAGE_SIZE, or those after `since` (for the live stream). */
    async messages(channel: ChannelEntry, since?: Date): Promise<ChatMessage[]> {
      const after = since ? { createdAt: { gte: since } } : {};
      const outboxRows = await prisma.outboxMessage.findMany({
        where: { tenantId: channel.tenantId, platform: channel.platform, channelId: channel.channelId, ...after },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: PAGE_SIZE,
      });
      const consoleRows =
        channel.platform === "local" && channel.tenantId === CONSOLE_TENANT
          ? await prisma.consoleMessage.findMany({
              where: { tenantId: CONSOLE_TENANT, channelId: channel.channelId, ...after },
              orderBy: [{ createdAt: "desc" }, { id: "desc" }],
              take: PAGE_SIZE,
            })
          : [];
      return [...outboxRows.map(fromOutbox), ...consoleRows.map(fromConsole)].sort(byTime).slice(-PAGE_SIZE);
    },

    /** Local channels (typed in, or posted to by the bot) and the Slack/Teams channels the bot posted to. */
    async channels(): Promise<{ local: string[]; mirrors: ChannelEntry[] }> {
      const typed = await prisma.consoleMessage.findMany({
        where: { tenantId: CONSOLE_TENANT },
        distinct: ["channelId"],
        select: { channelId: true },
      });
      const posted = await prisma.outboxMessage.findMany({
        distinct: ["platform", "tenantId", "channelId"],
        select: { platform: true, tenantId: true, channelId: true },
      });
      const local = new Set(["local", ...typed.map((r) => r.channelId)]);
      const mirrors: ChannelEntry[] = [];
      for (const row of posted) {
        if (row.platform === "local" && row.tenantId === CONSOLE_TENANT) local.add(row.channelId);
        else if (row.platform === "slack" || row.platform === "teams")
          mirrors.push({ platform: row.platform, tenantId: row.tenantId, channelId: row.channelId });
      }
      mirrors.sort((a, b) => `${a.platform} ${a.channelId}`.localeCompare(`${b.platform} ${b.channelId}`));
      return { local: [...local].sort((a, b) => (a === "local" ? -1 : b === "local" ? 1 : a.localeCompare(b))), mirrors };
    },

    /** A new one-time sign-in token; only its hash is stored. */
    async createLogin(now: Date): Promise<{ token: string; expiresAt: Date }> {
      const token = randomBytes(32).toString("base64url");
      const expiresAt = new Date(now.getTime() + LOGIN_TTL_MS);
      await prisma.consoleLogin.create({ data: { tokenHash: sha256(token), tenantId: CONSOLE_TENANT, expiresAt } });
      return { token, expiresAt };
    },

    /** Uses a sign-in token up: true once, for an unexpired token; false for anything else. One conditional update, so two tabs cannot both win. */
    async consumeLogin(token: string, now: Date): Promise<boolean> {
      if (!token || token.length > 200) return false;
      const { count } = await prisma.consoleLogin.updateMany({
        where: { tokenHash: sha256(token), usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      return count === 1;
    },
  };
}

export type ConsoleRepository = ReturnType<typeof consoleRepository>;
