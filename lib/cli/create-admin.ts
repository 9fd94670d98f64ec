// `npm run create-admin -- --email you@example.com --name "Your Name"`: makes a platform admin
// with a random password, printed once. The way in on a deployment without the demo seed.
// On the embedded database (no DATABASE_URL) stop the server first: PGlite has one writer.
import nextEnv from "@next/env";
import { parseArgs } from "node:util";
import { createAdmin, generatePassword } from "../auth/admins";
import { migrateDatabase } from "../boot";
import { disconnectDb } from "../db/client";
import { EnvError } from "../env";
import { AppError } from "../errors";

nextEnv.loadEnvConfig(process.cwd(), false);

async function main() {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
  if (!values.email || !values.name) {
    console.error('Usage: npm run create-admin -- --email you@example.com --name "Your Name"');
    return 2;
  }
  await migrateDatabase();
  const password = generatePassword();
  const admin = await createAdmin({ email: values.email, name: values.name, password });
  console.log(`Admin ${admin.email} created. Password (shown once): ${password}`);
  return 0;
}

main()
  .catch((e) => {
    if (e instanceof EnvError) console.error(e.message);
    else if (e instanceof AppError) console.error(`${e.message}${e.fieldErrors ? ` ${JSON.stringify(e.fieldErrors)}` : ""}`);
    else console.error(e);
    return 1;
  })
  .then(async (code) => {
    await disconnectDb().catch(() => {});
    process.exit(code);
  });
