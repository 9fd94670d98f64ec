import "server-only";
// Server start: validate the environment, bring the database schema up to date, seed the
// demo into an empty database, and close the database cleanly on shutdown.
import { disconnectDb, getPglite } from "@/lib/db/client";
import { openPgPool, pgDriver, pgliteDriver, type SqlDriver } from "@/lib/db/driver";
import { migrate } from "@/lib/db/migrate";
import { env, EnvError } from "@/lib/env";
import { log } from "@/lib/log";

let booted: Promise<void> | undefined;

export function boot(): Promise<void> {
  booted ??= run();
  return booted;
}

/** Brings the database's schema up to date (also used by the command-line tools). */
export async function migrateDatabase() {
  const e = env();
  const driver: SqlDriver = e.DATABASE_URL
    ? pgDriver(await openPgPool(e.DATABASE_URL, 1), { owned: true })
    : pgliteDriver((await getPglite())!);
  try {
    const result = await migrate(driver, { log: (m) => log.info(m) });
    log.info("database ready", { kind: e.DATABASE_KIND, applied: result.applied.length, alreadyApplied: result.alreadyApplied });
  } finally {
    await driver.close();
  }
}

async function run() {
  let e;
  try {
    e = env();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  await migrateDatabase();
  if (e.SEED_DEMO) {
    const { seedDemoIfEmpty } = await import("@/lib/demo/seed");
    const seeded = await seedDemoIfEmpty();
    if (seeded) log.info("seeded demo data");
  }
  let stopCacheSync = async () => {};
  if (e.DATABASE_URL) {
    // Other app instances' storefront cache invalidations (lib/cache-sync.ts).
    const { postgresCacheSync } = await import("@/lib/cache-sync");
    stopCacheSync = postgresCacheSync(e.DATABASE_URL).stop;
  }
  // Flash-sale prices on the cached storefront change exactly at each sale's start and end (lib/promotions/sale-clock.ts).
  const { startSaleClock } = await import("@/lib/promotions/sale-clock");
  const stopSaleClock = startSaleClock();
  let stopJobs = async () => {};
  if (e.JOBS_ENABLED) {
    // Expiry of unpaid orders, payment reconciliation, refunds, notification delivery…
    const { jobHandlers, recurringJobs } = await import("@/lib/jobs/registry");
    const { startWorker } = await import("@/lib/jobs/worker");
    const { startCron } = await import("@/lib/jobs/cron");
    const worker = startWorker(await jobHandlers());
    const stopCron = startCron(recurringJobs);
    stopJobs = async () => {
      stopCron();
      await worker.stop();
    };
  }
  if (e.SEED_DEMO) {
    const { printDemoAccounts } = await import("@/lib/demo/accounts");
    printDemoAccounts();
  } else {
    log.info("Little Store is running", { url: e.APP_URL });
  }
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      stopSaleClock();
      Promise.all([stopJobs(), stopCacheSync()])
        .then(() => disconnectDb())
        .catch(() => {})
        .finally(() => process.exit(0));
    });
  }
}
