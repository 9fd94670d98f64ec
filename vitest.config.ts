import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@/": `${root}/`,
      // `server-only` throws outside React Server Components; tests import server modules directly.
      "server-only": path.join(root, "tests/support/server-only.ts"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    globalSetup: ["tests/support/global-setup.ts"],
    // Uploads, generated secrets and the like go to a scratch folder, not the checkout.
    // The test worlds' one buyer holds many unpaid orders in one store across a file: the unpaid
    // caps (against stock hoarding) are lifted here; tests/lib/orders/checkout.test.ts sets them
    // back to the defaults (tests/lib/env.test.ts checks what those are).
    env: {
      DATA_DIR: path.join(os.tmpdir(), `little-store-test-data-${process.pid}`),
      NODE_ENV: "test",
      LOG_LEVEL: "error",
      MAX_UNPAID_ORDERS_PER_STORE: "10000",
      MAX_UNPAID_UNITS_PER_SKU: "1000000",
    },
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
