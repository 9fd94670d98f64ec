import { getTranslations } from "next-intl/server";
import { ApiReference } from "@/components/open-api/api-reference";
import { SiteHeader } from "@/components/site/site-header";
import { openApiDocument } from "@/lib/api/open-v1/document";
import { docSections } from "@/lib/api/open-v1/docs-model";
import { env } from "@/lib/env";

export async function generateMetadata() {
  const t = await getTranslations("openapi.docs");
  return { title: t("title"), description: t("intro") };
}

/** The merchant Open API's reference, rendered on the server from the same OpenAPI document the API serves. */
export default async function OpenApiDocsPage() {
  const t = await getTranslations("openapi.docs");
  const doc = openApiDocument();
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-6xl px-4 pt-8 pb-16">
        <header className="mb-8 max-w-3xl">
          <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
          <p className="mt-2 text-neutral-600">{t("intro")}</p>
        </header>
        <ApiReference sections={docSections(doc)} serverUrl={doc.servers[0].url} openapiUrl="/api/open/v1/openapi.json" perMinute={env().OPEN_API_RATE_LIMIT_PER_MINUTE} />
      </main>
    </>
  );
}
