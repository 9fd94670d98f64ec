// The WeChat Pay sandbox's inspector: its merchant and keys, the fault switches, and the latest
// orders, refunds and notifications with every delivery attempt (status, time, duration) and
// a Replay button per notification.
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { formatFen } from "@/lib/money";
import { endpointList } from "@/lib/sandbox/wechatpay/api";
import { inspectorData } from "@/lib/sandbox/wechatpay/inspector";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sandbox");
  return { title: t("pay.inspector.title"), robots: { index: false } };
}

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

const stateTone: Record<string, BadgeTone> = { SUCCESS: "green", REFUND: "blue", NOTPAY: "neutral", USERPAYING: "amber", CLOSED: "neutral", PAYERROR: "red", PROCESSING: "amber", ABNORMAL: "red" };

const card = "rounded-xl bg-white p-5 shadow-sm ring-1 ring-neutral-200";
const th = "py-2 pr-3 font-medium";
const td = "py-2 pr-3 align-top";

export default async function WechatPayInspector({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const t = await getTranslations("sandbox");
  const format = await getFormatter();
  const data = await inspectorData();
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "short", timeStyle: "medium" }) : "—");
  const done = one(sp.done);
  const endpoints = endpointList();
  const f = data.faults;

  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <header>
        <h1 className="text-xl font-semibold text-neutral-900">{t("pay.inspector.title")}</h1>
        <p className="mt-1 text-sm text-neutral-600">{t("pay.inspector.intro")}</p>
      </header>

      {done && (
        <p role="status" className="rounded-lg border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-brand-700">
          {t(`pay.inspector.done.${["replayed", "replayFailed", "released", "reset", "saved", "notFound", "invalid", "bound", "unbound", "withdrawn"].includes(done) ? done : "saved"}`, { count: one(sp.count) || "0", amount: formatFen(Number(one(sp.amount)) || 0) })}
        </p>
      )}

      <section className={card} aria-labelledby="merchant-h">
        <h2 id="merchant-h" className="text-base font-semibold">
          {t("pay.inspector.merchant")}
        </h2>
        <dl className="mt-3 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="text-neutral-500">mchid</dt>
          <dd className="font-mono">{data.merchant.mchId}</dd>
          <dt className="text-neutral-500">appid</dt>
          <dd className="font-mono">{data.merchant.appId}</dd>
          <dt className="text-neutral-500">{t("pay.inspector.merchantSerial")}</dt>
          <dd className="font-mono break-all">{data.merchant.merchantSerial}</dd>
          <dt className="text-neutral-500">{t("pay.inspector.platformSerial")}</dt>
          <dd className="font-mono break-all">{data.merchant.platformSerial}</dd>
          <dt className="text-neutral-500">{t("pay.inspector.baseUrl")}</dt>
          <dd className="font-mono text-xs break-all">{data.merchant.baseUrl}</dd>
          <dt className="text-neutral-500">{t("pay.inspector.timeScale")}</dt>
          <dd className="font-mono">×{data.merchant.timeScale}</dd>
          <dt className="text-neutral-500">{t("pay.inspector.endpoints")}</dt>
          <dd>
            <ul className="font-mono text-xs break-all">
              {endpoints.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </dd>
        </dl>
      </section>

      <section className={card} aria-labelledby="faults-h">
        <h2 id="faults-h" className="text-base font-semibold">
          {t("pay.inspector.faults")}
        </h2>
        <p className="mt-1 text-xs text-neutral-500">{t("pay.inspector.faultsIntro")}</p>
        <form method="post" action="/sandbox/wechatpay/actions" className="mt-4 grid gap-4 sm:grid-cols-3">
          {(
            [
              ["duplicate", f.duplicate, 0, 20, 1],
              ["delaySeconds", f.delaySeconds, 0, 86400, "any"],
              ["paymentFails", f.paymentFails, 0, 1000, 1],
              ["refundAbnormal", f.refundAbnormal, 0, 1000, 1],
              ["refundClosed", f.refundClosed, 0, 1000, 1],
              ["shareFails", f.shareFails, 0, 1000, 1],
              ["unfreezeStuck", f.unfreezeStuck, 0, 1000, 1],
              ["billDropLine", f.billDropLine, 0, 1000, 1],
              ["billAlterLine", f.billAlterLine, 0, 1000, 1],
              ["shareBillDropLine", f.shareBillDropLine, 0, 1000, 1],
              ["shareBillAlterLine", f.shareBillAlterLine, 0, 1000, 1],
            ] as const
          ).map(([name, value, min, max, step]) => (
            <label key={name} className="block text-sm">
              <span className="text-neutral-700">{t(`pay.inspector.fault.${name}`)}</span>
              <input name={name} type="number" min={min} max={max} step={step} defaultValue={value} className="mt-1 block h-9 w-full rounded-lg border border-neutral-300 px-3" />
            </label>
          ))}
          {(["outOfOrder", "badSignature"] as const).map((name) => (
            <label key={name} className="flex items-center gap-2 self-end text-sm text-neutral-700">
              <input name={name} type="checkbox" defaultChecked={f[name]} className="size-4" />
              {t(`pay.inspector.fault.${name}`)}
            </label>
          ))}
          <div className="flex flex-wrap gap-2 sm:col-span-3">
            <button type="submit" name="action" value="faults" className="h-9 rounded-lg bg-brand-500 px-4 text-sm font-medium text-white hover:bg-brand-600">
              {t("pay.inspector.save")}
            </button>
            <button type="submit" name="action" value="reset" formNoValidate className="h-9 rounded-lg bg-white px-4 text-sm font-medium text-neutral-800 ring-1 ring-neutral-300 hover:bg-neutral-50">
              {t("pay.inspector.reset")}
            </button>
            <button type="submit" name="action" value="release" formNoValidate disabled={data.held === 0} className="h-9 rounded-lg bg-white px-4 text-sm font-medium text-neutral-800 ring-1 ring-neutral-300 hover:bg-neutral-50 disabled:text-neutral-400">
              {t("pay.inspector.release", { count: data.held })}
            </button>
          </div>
        </form>
      </section>

      <section className={card} aria-labelledby="sub-h">
        <h2 id="sub-h" className="text-base font-semibold">
          {t("pay.inspector.subMerchants", { count: data.subMerchants.length })}
        </h2>
        <p className="mt-1 text-xs text-neutral-500">{t("pay.inspector.subMerchantsIntro", { spMchid: data.merchant.mchId })}</p>
        {data.subMerchants.length > 0 && (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-neutral-500">
                <tr>
                  <th scope="col" className={th}>sub_mchid</th>
                  <th scope="col" className={th}>{t("pay.inspector.name")}</th>
                  <th scope="col" className={th}>{t("pay.inspector.maxRatio")}</th>
                  <th scope="col" className={th}>{t("pay.inspector.frozenFunds")}</th>
                  <th scope="col" className={th}>{t("pay.inspector.unfrozenFunds")}</th>
                  <th scope="col" className={th}>{t("pay.inspector.sharedFunds")}</th>
                  <th scope="col" className={th}>{t("pay.inspector.availableFunds")}</th>
                  <th scope="col" className={th}>{t("pay.inspector.boundAt")}</th>
                  <th scope="col" className={th}><span className="sr-only">{t("pay.inspector.unbind")}</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-100">
                {data.subMerchants.map((m) => (
                  <tr key={m.subMchid}>
                    <td className={`${td} font-mono text-xs`}>{m.subMchid}</td>
                    <td className={td}>{m.name}</td>
                    <td className={`${td} tabular-nums`}>{format.number(m.maxRatioBps / 10_000, { style: "percent", maximumFractionDigits: 2 })}</td>
                    <td className={`${td} tabular-nums`} data-frozen={m.subMchid}>{formatFen(m.books.frozen)}</td>
                    <td className={`${td} tabular-nums`} data-unfrozen={m.subMchid}>{formatFen(m.books.unfrozen + m.books.returned)}</td>
                    <td className={`${td} tabular-nums`} data-shared={m.subMchid}>{formatFen(m.books.shared - m.books.returned)}</td>
                    <td className={`${td} tabular-nums`} data-available={m.subMchid}>
                      {formatFen(m.books.available)}
                      {m.books.withdrawn > 0 && <span className="block text-xs text-neutral-500">{t("pay.inspector.withdrawnFunds", { amount: formatFen(m.books.withdrawn) })}</span>}
                    </td>
                    <td className={`${td} text-xs text-neutral-500`}>{when(m.boundAt)}</td>
                    <td className={`${td} flex gap-2`}>
                      <form method="post" action="/sandbox/wechatpay/actions">
                        <input type="hidden" name="action" value="withdraw" />
                        <input type="hidden" name="subMchid" value={m.subMchid} />
                        <button type="submit" disabled={m.books.available <= 0} aria-label={`${t("pay.inspector.withdraw")} ${m.subMchid}`} className="h-8 rounded-lg bg-white px-3 text-sm font-medium text-neutral-800 ring-1 ring-neutral-300 hover:bg-neutral-50 disabled:opacity-50">
                          {t("pay.inspector.withdraw")}
                        </button>
                      </form>
                      <form method="post" action="/sandbox/wechatpay/actions">
                        <input type="hidden" name="action" value="unbind" />
                        <input type="hidden" name="subMchid" value={m.subMchid} />
                        <button type="submit" aria-label={`${t("pay.inspector.unbind")} ${m.subMchid}`} className="h-8 rounded-lg bg-white px-3 text-sm font-medium text-red-700 ring-1 ring-neutral-300 hover:bg-neutral-50">
                          {t("pay.inspector.unbind")}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <form method="post" action="/sandbox/wechatpay/actions" className="mt-4 grid gap-3 sm:grid-cols-4">
          <input type="hidden" name="action" value="bind" />
          <label className="block text-sm">
            <span className="text-neutral-700">{t("pay.inspector.subMchid")}</span>
            <input name="subMchid" required pattern="[0-9]{8,12}" inputMode="numeric" className="mt-1 block h-9 w-full rounded-lg border border-neutral-300 px-3 font-mono" />
          </label>
          <label className="block text-sm">
            <span className="text-neutral-700">{t("pay.inspector.name")}</span>
            <input name="name" required maxLength={128} className="mt-1 block h-9 w-full rounded-lg border border-neutral-300 px-3" />
          </label>
          <label className="block text-sm">
            <span className="text-neutral-700">{t("pay.inspector.maxRatioPercent")}</span>
            <input name="maxRatioPercent" type="number" min={0} max={100} step="0.01" defaultValue={30} className="mt-1 block h-9 w-full rounded-lg border border-neutral-300 px-3" />
          </label>
          <div className="self-end">
            <button type="submit" className="h-9 rounded-lg bg-brand-500 px-4 text-sm font-medium text-white hover:bg-brand-600">
              {t("pay.inspector.bind")}
            </button>
          </div>
        </form>
      </section>

      <section className={card} aria-labelledby="tx-h">
        <h2 id="tx-h" className="text-base font-semibold">
          {t("pay.inspector.transactions", { count: data.transactions.length })}
        </h2>
        {data.transactions.length === 0 ? (
          <p className="mt-3 text-sm text-neutral-500">{t("pay.inspector.none")}</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-neutral-500">
                <tr>
                  <th scope="col" className={th}>out_trade_no</th>
                  <th scope="col" className={th}>sub_mchid</th>
                  <th scope="col" className={th}>trade_state</th>
                  <th scope="col" className={th}>{t("pay.inspector.amount")}</th>
                  <th scope="col" className={th}>{t("pay.inspector.description")}</th>
                  <th scope="col" className={th}>transaction_id</th>
                  <th scope="col" className={th}>{t("pay.inspector.created")}</th>
                  <th scope="col" className={th}>success_time</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-100">
                {data.transactions.map((x) => (
                  <tr key={x.id}>
                    <td className={`${td} font-mono text-xs`}>{x.outTradeNo}</td>
                    <td className={`${td} font-mono text-xs`}>{x.subMchid || "—"}{x.profitSharing && <span className="block text-amber-700">{t("pay.inspector.frozen")}</span>}</td>
                    <td className={td}>
                      <Badge tone={stateTone[x.tradeState] ?? "neutral"}>{x.tradeState}</Badge> <span className="text-xs text-neutral-500">{x.tradeType}</span>
                    </td>
                    <td className={`${td} tabular-nums`}>{formatFen(x.amountTotal)}</td>
                    <td className={td}>{x.description}</td>
                    <td className={`${td} font-mono text-xs`}>{x.tradeState === "SUCCESS" || x.tradeState === "REFUND" ? x.transactionId : "—"}</td>
                    <td className={`${td} text-xs text-neutral-500`}>{when(x.createdAt)}</td>
                    <td className={`${td} text-xs text-neutral-500`}>{when(x.successTime)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className={card} aria-labelledby="ps-h">
        <h2 id="ps-h" className="text-base font-semibold">
          {t("pay.inspector.shareOrders", { count: data.shareOrders.length })}
        </h2>
        {data.shareOrders.length === 0 ? (
          <p className="mt-3 text-sm text-neutral-500">{t("pay.inspector.none")}</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-neutral-500">
                <tr>
                  <th scope="col" className={th}>out_order_no</th>
                  <th scope="col" className={th}>sub_mchid</th>
                  <th scope="col" className={th}>state</th>
                  <th scope="col" className={th}>receivers</th>
                  <th scope="col" className={th}>{t("pay.inspector.created")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-100">
                {data.shareOrders.map((o) => (
                  <tr key={o.id}>
                    <td className={`${td} font-mono text-xs`}>
                      {o.outOrderNo}
                      <span className="block text-neutral-500">{o.unfreeze ? t("pay.inspector.unfreeze") : t("pay.inspector.share")}</span>
                    </td>
                    <td className={`${td} font-mono text-xs`}>{o.subMchid}</td>
                    <td className={td}>
                      <Badge tone={o.state === "FINISHED" ? "green" : "amber"}>{o.state}</Badge>
                    </td>
                    <td className={`${td} text-xs`}>
                      {o.receivers.map((r, i) => (
                        <div key={i} className="font-mono">
                          {r.account} {formatFen(r.amount)} <span className={r.result === "CLOSED" ? "text-red-700" : r.result === "SUCCESS" ? "text-brand-700" : "text-amber-700"}>{r.result}{r.fail_reason ? ` (${r.fail_reason})` : ""}</span>
                        </div>
                      ))}
                    </td>
                    <td className={`${td} text-xs text-neutral-500`}>{when(o.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className={card} aria-labelledby="rf-h">
        <h2 id="rf-h" className="text-base font-semibold">
          {t("pay.inspector.refunds", { count: data.refunds.length })}
        </h2>
        {data.refunds.length === 0 ? (
          <p className="mt-3 text-sm text-neutral-500">{t("pay.inspector.none")}</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-neutral-500">
                <tr>
                  <th scope="col" className={th}>out_refund_no</th>
                  <th scope="col" className={th}>sub_mchid</th>
                  <th scope="col" className={th}>status</th>
                  <th scope="col" className={th}>{t("pay.inspector.amount")}</th>
                  <th scope="col" className={th}>out_trade_no</th>
                  <th scope="col" className={th}>refund_id</th>
                  <th scope="col" className={th}>{t("pay.inspector.created")}</th>
                  <th scope="col" className={th}>success_time</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-100">
                {data.refunds.map((r) => (
                  <tr key={r.id}>
                    <td className={`${td} font-mono text-xs`}>{r.outRefundNo}</td>
                    <td className={`${td} font-mono text-xs`}>{r.subMchid || "—"}</td>
                    <td className={td}>
                      <Badge tone={stateTone[r.status] ?? "neutral"}>{r.status}</Badge>
                    </td>
                    <td className={`${td} tabular-nums`}>
                      {formatFen(r.amountRefund)} <span className="text-xs text-neutral-500">/ {formatFen(r.amountTotal)}</span>
                    </td>
                    <td className={`${td} font-mono text-xs`}>{r.outTradeNo}</td>
                    <td className={`${td} font-mono text-xs`}>{r.refundId}</td>
                    <td className={`${td} text-xs text-neutral-500`}>{when(r.createdAt)}</td>
                    <td className={`${td} text-xs text-neutral-500`}>{when(r.successTime)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className={card} aria-labelledby="nt-h">
        <h2 id="nt-h" className="text-base font-semibold">
          {t("pay.inspector.notifications", { count: data.notifications.length })}
        </h2>
        {data.notifications.length === 0 ? (
          <p className="mt-3 text-sm text-neutral-500">{t("pay.inspector.none")}</p>
        ) : (
          <ul className="mt-3 divide-y divide-neutral-100">
            {data.notifications.map((n) => {
              const status = n.deliveredAt ? "delivered" : n.gaveUpAt ? "gaveUp" : n.nextAttemptAt ? "pending" : "held";
              return (
                <li key={n.id} className="py-4">
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div className="min-w-0 space-y-1">
                      <p className="flex flex-wrap items-center gap-2 text-sm">
                        <span className="font-medium">{n.eventType}</span>
                        <Badge tone={status === "delivered" ? "green" : status === "gaveUp" ? "red" : "amber"}>{t(`pay.inspector.status.${status}`)}</Badge>
                        {n.fault && <Badge tone="amber">{n.fault}</Badge>}
                      </p>
                      <p className="font-mono text-xs break-all text-neutral-500">
                        id {n.id} · {n.outRefundNo ?? n.outTradeNo ?? ""}
                      </p>
                      <p className="font-mono text-xs break-all text-neutral-500">→ {n.notifyUrl}</p>
                      <p className="text-xs text-neutral-500">
                        {t("pay.inspector.created")} {when(n.createdAt)}
                        {n.nextAttemptAt && !n.deliveredAt && !n.gaveUpAt ? ` · ${t("pay.inspector.nextAttempt")} ${when(n.nextAttemptAt)}` : ""}
                      </p>
                    </div>
                    <form method="post" action="/sandbox/wechatpay/actions">
                      <input type="hidden" name="action" value="replay" />
                      <input type="hidden" name="id" value={n.id} />
                      <button type="submit" className="h-8 rounded-lg bg-white px-3 text-sm font-medium text-neutral-800 ring-1 ring-neutral-300 hover:bg-neutral-50">
                        {t("pay.inspector.replay")}
                      </button>
                    </form>
                  </div>
                  {n.deliveries.length > 0 && (
                    <table className="mt-2 w-full text-left text-xs">
                      <caption className="sr-only">{t("pay.inspector.attempts")}</caption>
                      <thead className="text-neutral-500">
                        <tr>
                          <th scope="col" className={th}>#</th>
                          <th scope="col" className={th}>{t("pay.inspector.time")}</th>
                          <th scope="col" className={th}>{t("pay.inspector.result")}</th>
                          <th scope="col" className={th}>{t("pay.inspector.duration")}</th>
                        </tr>
                      </thead>
                      <tbody className="divide-y divide-neutral-50">
                        {n.deliveries.map((d, i) => (
                          <tr key={String(d.id)}>
                            <td className={`${td} tabular-nums`}>
                              {d.attempt}
                              {d.replay
                                ? ` · ${t("pay.inspector.replayed")}`
                                : n.deliveries.slice(0, i).some((p) => !p.replay && p.attempt === d.attempt)
                                  ? ` · ${t("pay.inspector.duplicate")}`
                                  : ""}
                            </td>
                            <td className={td}>{when(d.at)}</td>
                            <td className={td}>{d.error ? <span className="text-red-700">{d.error}</span> : <span className="text-brand-700">HTTP {d.httpStatus}</span>}</td>
                            <td className={`${td} tabular-nums`}>{d.durationMs} ms</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </main>
  );
}
