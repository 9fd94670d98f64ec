// Prisma CLI configuration. The app applies migrations itself (lib/db/migrate.ts);
// this file serves `prisma generate` and, where Prisma's engine can be downloaded,
// `prisma migrate deploy|status`.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/little_store",
  },
});
