import { getFormatter, getTranslations } from "next-intl/server";
import { CouponForm } from "@/components/promotions/coupon-form";
import { CouponRowActions } from "@/components/promotions/coupon-row-actions";
import { couponHeadline, couponScope } from "@/components/promotions/coupon-terms";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { listItemOptions } from "@/lib/catalog/queries";
import type { CouponPhase } from "@/lib/promotions/coupons";
import { countPastBuyers, listStoreCoupons } from "@/lib/promotions/coupons";
import { createCouponAction, issueCouponAction, stopCouponAction } from "./actions";

const phaseTone: Record<CouponPhase, BadgeTone> = { SCHEDULED: "blue", RUNNING: "green", CLAIMED_OUT: "amber", ENDED: "neutral", STOPPED: "neutral" };

/** "2026-12-08T10:00" in Beijing time, for datetime-local inputs. */
const beijingInput = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);

export default async function CouponsPage({ params }: { params: Promise<{ storeId: string }> }) {
  const { storeId } = await params;
  const actor = await pageActor({ roles: ["SELLER"], next: `/seller/stores/${storeId}/coupons` });
  const [coupons, items, pastBuyers] = await orNotFound(Promise.all([listStoreCoupons(actor, storeId), listItemOptions(actor, storeId), countPastBuyers(actor, storeId)]));
  const t = await getTranslations("promotions");
  const tc = await getTranslations("promotions.coupon");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Asia/Shanghai" });
  const now = new Date();
  const th = "py-2 pr-3 font-medium";
  const td = "py-2 pr-3 align-top";

  return (
    <div className="space-y-6">
      <PageHeader title={t("seller.title")} description={t("seller.intro")} />
      <Card title={t("seller.create")}>
        <CouponForm
          storeId={storeId}
          items={items.filter((i) => i.status !== "DRAFT").map((i) => ({ id: i.id, title: i.title }))}
          action={createCouponAction}
          defaults={{ startsAt: beijingInput(now), endsAt: beijingInput(new Date(now.getTime() + 7 * 86_400_000)) }}
        />
      </Card>
      <Card title={t("seller.list")}>
        {coupons.length === 0 ? (
          <EmptyState title={t("seller.empty")} />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("seller.list")}</caption>
              <thead className="text-neutral-500">
                <tr>
                  <th scope="col" className={th}>{t("seller.col.coupon")}</th>
                  <th scope="col" className={th}>{t("seller.col.terms")}</th>
                  <th scope="col" className={th}>{t("seller.col.window")}</th>
                  <th scope="col" className={th}>{t("seller.col.phase")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("seller.col.claimed")}</th>
                  <th scope="col" className={`${th} text-right`}>{t("seller.col.used")}</th>
                  <th scope="col" className={th}><span className="sr-only">{t("seller.stop")}</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-100">
                {coupons.map((c) => (
                  <tr key={c.id} data-testid={`coupon-${c.id}`}>
                    <td className={td}>
                      <p className="font-medium">{c.name}</p>
                      <p className="text-xs text-neutral-500">{c.audience === "TARGETED" ? t("seller.targeted") : t("seller.public")}</p>
                    </td>
                    <td className={td}>
                      <p>{couponHeadline(tc, c)}</p>
                      <p className="text-xs text-neutral-500">{couponScope(tc, c)}</p>
                    </td>
                    <td className={`${td} text-xs text-neutral-600`}>
                      {when(c.startsAt)} – {when(c.endsAt)}
                      {c.validDays ? <p>{tc("validity.days", { days: c.validDays })}</p> : null}
                    </td>
                    <td className={td}>
                      <Badge tone={phaseTone[c.phase]}>{t(`seller.phase.${c.phase}`)}</Badge>
                    </td>
                    <td className={`${td} text-right tabular-nums`}>
                      {c.claimed} / {c.totalQuantity}
                    </td>
                    <td className={`${td} text-right tabular-nums`}>{c.used}</td>
                    <td className={td}>
                      <CouponRowActions
                        storeId={storeId}
                        couponId={c.id}
                        canStop={c.status === "ACTIVE" && c.phase !== "ENDED"}
                        issueTo={c.audience === "TARGETED" && c.status === "ACTIVE" && c.phase !== "ENDED" && c.remaining > 0 ? pastBuyers : null}
                        stop={stopCouponAction}
                        issue={issueCouponAction}
                      />
                    </td>
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
