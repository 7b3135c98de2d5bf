import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup/fast-check.ts"],
    // Store and CLI tests open real SQLite files and PostgreSQL databases.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
