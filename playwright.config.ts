import { defineConfig, devices } from "@playwright/test";

// Browser journeys against a production build served by `npm start`, on its own database
// (E2E_DATABASE_URL, else an embedded one under .data-e2e) and its own data folder.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync"],
};

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromium,
    locale: "en-US",
  },
  projects: [
    // No browser: the production build as processes the tests kill, on their own databases.
    { name: "node", testMatch: /(faults|bundle|instances)\.spec\.ts/, timeout: 240_000 },
    { name: "desktop", testMatch: /(seller|admin)\..*spec\.ts/, use: { ...devices["Desktop Chrome"], launchOptions: chromium } },
    {
      name: "mobile",
      testMatch: /buyer\..*spec\.ts/,
      use: { ...devices["Pixel 7"], launchOptions: chromium },
    },
  ],
  webServer: {
    command: "npm start",
    url: `${baseURL}/`,
    timeout: 600_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      APP_URL: baseURL,
      DATA_DIR: ".data-e2e",
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : { DATABASE_URL: "" }),
    },
  },
});
