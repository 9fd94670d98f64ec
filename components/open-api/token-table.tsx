import { useFormatter, useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import type { ActionResult } from "@/lib/actions/result";
import { RevokeTokenButton } from "./revoke-token-button";

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  state: "ACTIVE" | "REVOKED" | "EXPIRED" | "CREATOR_LEFT";
}

const tone: Record<TokenRow["state"], BadgeTone> = { ACTIVE: "green", REVOKED: "neutral", EXPIRED: "amber", CREATOR_LEFT: "amber" };

/** The store's tokens: never the secrets, only their first characters. */
export function TokenTable({ storeId, tokens, revoke }: { storeId: string; tokens: TokenRow[]; revoke: (input: { storeId: string; tokenId: string }) => Promise<ActionResult<null>> }) {
  const t = useTranslations("openapi.tokens");
  const format = useFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  if (!tokens.length) {
    return <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>;
  }
  return (
    <div className="-mx-5 overflow-x-auto">
      <table className="w-full min-w-[44rem] text-left text-sm">
        <caption className="sr-only">{t("listCaption")}</caption>
        <thead className="border-b border-neutral-200 text-xs text-neutral-500">
          <tr>
            <th scope="col" className="px-5 py-2 font-medium">{t("colName")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("colToken")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("colCreated")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("colLastUsed")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("colExpires")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("colStatus")}</th>
            <th scope="col" className="px-5 py-2 font-medium">
              <span className="sr-only">{t("colActions")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100">
          {tokens.map((tok) => (
            <tr key={tok.id} className={tok.state === "REVOKED" ? "text-neutral-400" : ""}>
              <th scope="row" className="px-5 py-3 align-top font-medium">
                <span className="block">{tok.name}</span>
                {tok.createdBy && <span className="block text-xs font-normal text-neutral-500">{t("createdBy", { name: tok.createdBy })}</span>}
              </th>
              <td className="px-3 py-3 align-top font-mono text-xs">{tok.prefix}…</td>
              <td className="px-3 py-3 align-top whitespace-nowrap">{when(tok.createdAt)}</td>
              <td className="px-3 py-3 align-top whitespace-nowrap">{tok.lastUsedAt ? when(tok.lastUsedAt) : t("neverUsed")}</td>
              <td className="px-3 py-3 align-top whitespace-nowrap">{tok.expiresAt ? when(tok.expiresAt) : t("noExpiry")}</td>
              <td className="px-3 py-3 align-top">
                <Badge tone={tone[tok.state]}>{t(`state.${tok.state}`)}</Badge>
              </td>
              <td className="px-5 py-3 align-top text-right">
                {tok.state !== "REVOKED" && <RevokeTokenButton storeId={storeId} tokenId={tok.id} name={tok.name} action={revoke} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
