import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { TokenCreateForm } from "@/components/open-api/token-create-form";
import { TokenTable } from "@/components/open-api/token-table";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { listStoreApiTokens } from "@/lib/api/open-v1/tokens";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { getMyStore } from "@/lib/stores/queries";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("openapi.tokens");
  return { title: t("title") };
}

export default async function ApiTokensPage({ params }: { params: Promise<{ storeId: string }> }) {
  const { storeId } = await params;
  const actor = await pageActor({ roles: ["SELLER"], next: `/seller/stores/${storeId}/api-tokens` });
  const store = await orNotFound(getMyStore(actor, storeId));
  if (store.status !== "APPROVED" && store.status !== "SUSPENDED") notFound();
  const tokens = await listStoreApiTokens(actor, storeId);
  const t = await getTranslations("openapi.tokens");
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return (
    <div className="max-w-5xl space-y-6">
      <PageHeader
        title={t("title")}
        description={
          <>
            {t("intro")} {t("rateLimit", { count: env().OPEN_API_RATE_LIMIT_PER_MINUTE })}
          </>
        }
        actions={
          <ButtonLink href="/docs/open-api" variant="secondary">
            {t("docsLink")}
          </ButtonLink>
        }
      />
      <Card title={t("createTitle")}>
        <TokenCreateForm storeId={storeId} action={createApiTokenAction} />
      </Card>
      <Card title={t("listTitle")}>
        <TokenTable
          storeId={storeId}
          revoke={revokeApiTokenAction}
          tokens={tokens.map((tok) => ({ ...tok, createdAt: tok.createdAt.toISOString(), lastUsedAt: iso(tok.lastUsedAt), expiresAt: iso(tok.expiresAt), revokedAt: iso(tok.revokedAt) }))}
        />
      </Card>
    </div>
  );
}
