import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const config: NextConfig = {
  poweredByHeader: false,
  // Bundled, PGlite fails at run time (it loads its WASM and data files from disk).
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "sharp", "@node-rs/argon2", "pg"],
  images: {
    // Uploads are resized into fixed WebP variants once, at upload; the loader picks one.
    loader: "custom",
    loaderFile: "./lib/media/image-loader.ts",
  },
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default withNextIntl(config);
