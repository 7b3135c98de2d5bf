import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DATABASE_URL, openDatabase, resolveDatabaseUrl } from "../../src/store/database.js";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../support/db.js";

describe("resolveDatabaseUrl", () => {
  it("defaults to ./data/charter.db under the working directory", () => {
    for (const raw of [undefined, "", "  "]) {
      expect(resolveDatabaseUrl(raw)).toEqual({
        provider: "sqlite",
        url: `file:${resolve("data/charter.db")}`,
        filePath: resolve("data/charter.db"),
      });
    }
    expect(DEFAULT_DATABASE_URL).toBe("file:./data/charter.db");
  });

  it("resolves file: paths, relative and absolute, ignoring query parameters", () => {
    expect(resolveDatabaseUrl("file:./x/y.db")).toMatchObject({ provider: "sqlite", filePath: resolve("x/y.db") });
    expect(resolveDatabaseUrl("file:/tmp/a.db?connection_limit=1")).toEqual({
      provider: "sqlite",
      url: "file:/tmp/a.db",
      filePath: "/tmp/a.db",
    });
    expect(resolveDatabaseUrl("file:///tmp/b.db")).toMatchObject({ filePath: "/tmp/b.db" });
  });

  it("recognises PostgreSQL urls", () => {
    for (const url of ["postgres://u:p@db:5432/charter", "postgresql://u@localhost/charter?sslmode=require"]) {
      expect(resolveDatabaseUrl(url)).toEqual({ provider: "postgresql", url });
    }
  });

  it("rejects anything else, naming DATABASE_URL and what it expects", () => {
    for (const raw of ["mysql://u@h/db", "charter.db", "file:", "file::memory:"]) {
      expect(() => resolveDatabaseUrl(raw)).toThrow(/DATABASE_URL.*file:<path>.*postgres:\/\//);
    }
    expect(() => resolveDatabaseUrl("mysql://user:secret@h/db")).not.toThrow(/secret/);
  });
});

describe("openDatabase (SQLite)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "charter-open-"));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it("creates the folder, and connects with WAL, foreign keys and a busy timeout", async () => {
    const file = join(dir, "nested", "folder", "charter.db");
    const db = await openDatabase(`file:${file}`);
    try {
      expect(db.provider).toBe("sqlite");
      await db.ping();
      expect(existsSync(file)).toBe(true);
      const [journal] = await db.prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
      const [keys] = await db.prisma.$queryRawUnsafe<{ foreign_keys: bigint | number }[]>("PRAGMA foreign_keys");
      const [busy] = await db.prisma.$queryRawUnsafe<{ timeout: bigint | number }[]>("PRAGMA busy_timeout");
      expect(journal?.journal_mode).toBe("wal");
      expect(Number(keys?.foreign_keys)).toBe(1);
      expect(Number(busy?.timeout)).toBeGreaterThanOrEqual(5_000);
    } finally {
      await db.close();
    }
  });
});

describeEachProvider("openDatabase", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(provider);
  });
  afterAll(async () => t?.drop());

  it("reports its provider and answers ping", async () => {
    expect(t.db.provider).toBe(provider);
    await expect(t.db.ping()).resolves.toBeUndefined();
  });

  if (provider === "postgresql") {
    it("fails ping when the server is unreachable", async () => {
      const db = await openDatabase("postgresql://postgres@127.0.0.1:1/none");
      try {
        await expect(db.ping()).rejects.toThrow();
      } finally {
        await db.close();
      }
    });
  }
});
