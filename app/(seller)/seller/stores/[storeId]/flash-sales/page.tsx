import { getFormatter, getTranslations } from "next-intl/server";
import { specLabel } from "@/components/catalog/spec-label";
import { FlashSaleForm } from "@/components/promotions/flash-sale-form";
import { FlashSaleStop } from "@/components/promotions/flash-sale-stop";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { listItemOptions } from "@/lib/catalog/queries";
import { formatFen } from "@/lib/money";
import { listFlashSales, saleableSkus, type FlashSalePhase } from "@/lib/promotions/flash-sales";
import { createFlashSaleAction, stopFlashSaleAction } from "./actions";

const phaseTone: Record<FlashSalePhase, BadgeTone> = { SCHEDULED: "blue", RUNNING: "green", ENDED: "neutral", STOPPED: "neutral" };

/** "2026-12-08T10:00" in Beijing time, for datetime-local inputs. */
const beijingInput = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);

type Props = { params: Promise<{ storeId: string }>; searchParams: Promise<{ item?: string | string[] }> };

export default async function FlashSalesPage({ params, searchParams }: Props) {
  const { storeId } = await params;
  const sp = await searchParams;
  const itemIds = (Array.isArray(sp.item) ? sp.item : sp.item ? [sp.item] : []).filter((id) => id.length <= 64).slice(0, 20);
  const actor = await pageActor({ roles: ["SELLER"], next: `/seller/stores/${storeId}/flash-sales` });
  const [sales, items] = await orNotFound(Promise.all([listFlashSales(actor, storeId), listItemOptions(actor, storeId)]));
  // Items chosen that are not this store's (or gone) are simply left out.
  const chosen = await saleableSkus(actor, storeId, itemIds);
  const skus = chosen.flatMap((i) => i.skus.map((k) => ({ ...k, itemTitle: chosen.length > 1 ? i.title : null })));
  const t = await getTranslations("promotions.seller.sale");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Asia/Shanghai" });
  const now = new Date();
  const th = "py-2 pr-3 font-medium";
  const td = "py-2 pr-3 align-top";

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />
      <Card title={t("new")}>
        {/* A plain GET form: choosing the items works without JavaScript. */}
        <form method="get" className="mb-4 flex flex-wrap items-end gap-2">
          <label className="text-sm">
            <span className="block font-medium text-neutral-800">{t("item")}</span>
            <select name="item" multiple size={Math.min(6, Math.max(2, items.length))} defaultValue={chosen.map((i) => i.id)} key={chosen.map((i) => i.id).join(",")} className="mt-1 block min-w-64 rounded-lg border border-neutral-300 bg-white px-3 py-2 text-sm">
              {items
                .filter((i) => i.status !== "DRAFT")
                .map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.title}
                  </option>
                ))}
            </select>
          </label>
          <button type="submit" className="h-10 rounded-lg px-4 text-sm font-medium ring-1 ring-neutral-300">
            {t("choose")}
          </button>
        </form>
        {chosen.length ? (
          skus.length ? (
            <FlashSaleForm
              key={chosen.map((i) => i.id).join(",")}
              storeId={storeId}
              skus={skus}
              action={createFlashSaleAction}
              defaults={{ startsAt: beijingInput(now), endsAt: beijingInput(new Date(now.getTime() + 2 * 3_600_000)) }}
            />
          ) : (
            <p className="text-sm text-neutral-500">{t("noSkus")}</p>
          )
        ) : (
          <p className="text-sm text-neutral-500">{t("chooseItemFirst")}</p>
        )}
      </Card>
      <Card title={t("list")}>
        {sales.length === 0 ? (
          <EmptyState title={t("empty")} />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("list")}</caption>
              <thead className="text-neutral-500">
                <tr>
                  <th scope="col" className={th}>{t("col.sale")}</th>
                  <th scope="col" className={th}>{t("col.skus")}</th>
                  <th scope="col" className={th}>{t("col.window")}</th>
                  <th scope="col" className={th}>{t("col.phase")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("col.paid")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("col.cost")}</th>
                  <th scope="col" className={th}><span className="sr-only">{t("stop")}</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-100">
                {sales.map((s) => (
                  <tr key={s.id} data-testid={`flash-sale-${s.id}`}>
                    <td className={td}>
                      <p className="font-medium">{s.name}</p>
                      <p className="text-xs text-neutral-500">
                        {s.percentOff ? t("percentOffShort", { n: s.percentOff }) : t("fixedPrices")}
                        {s.perBuyerLimit ? ` · ${t("perBuyerShort", { n: s.perBuyerLimit })}` : ""}
                      </p>
                    </td>
                    <td className={`${td} text-xs`}>
                      <ul className="space-y-0.5">
                        {s.skus.map((k) => (
                          <li key={k.skuId}>
                            {k.itemTitle} {specLabel(k.specKey) ?? ""}: <span className="font-medium text-price tabular-nums">{formatFen(k.priceFen)}</span>{" "}
                            <s className="text-neutral-400 tabular-nums">{formatFen(k.listPriceFen)}</s>{" "}
                            <span className="text-neutral-500">{k.quantity ? t("soldOf", { sold: k.sold, quantity: k.quantity }) : t("soldN", { sold: k.sold })}</span>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td className={`${td} text-xs text-neutral-600`}>
                      {when(s.startsAt)} – {when(s.endsAt)}
                    </td>
                    <td className={td}>
                      <Badge tone={phaseTone[s.phase]}>{t(`phase.${s.phase}`)}</Badge>
                    </td>
                    <td className={`${td} text-right tabular-nums`}>
                      {s.paidUnits}
                      <p className="text-xs text-neutral-500">{formatFen(s.paidFen)}</p>
                    </td>
                    <td className={`${td} text-right tabular-nums`}>{formatFen(s.discountFen)}</td>
                    <td className={td}>{(s.phase === "RUNNING" || s.phase === "SCHEDULED") && <FlashSaleStop storeId={storeId} saleId={s.id} stop={stopFlashSaleAction} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
