import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Storage tests each start an embedded PostgreSQL; keep parallelism within a 2-core machine.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
