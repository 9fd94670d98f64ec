// The WeChat Pay sandbox's cashier sheet (JSAPI and H5): merchant, description, amount, a
// 6-digit password and Pay / Cancel. A plain form: works without JavaScript.
import { getTranslations } from "next-intl/server";
import { formatFen } from "@/lib/money";

export interface CashierSheetProps {
  kind: "jsapi" | "h5";
  hidden: Record<string, string>;
  merchant: string;
  description: string;
  amountFen: number;
  mchid: string;
  passwordError?: boolean;
  note?: string;
}

export async function CashierSheet({ kind, hidden, merchant, description, amountFen, mchid, passwordError, note }: CashierSheetProps) {
  const t = await getTranslations("sandbox");
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col px-4 pb-8">
      <header className="flex items-center justify-between py-3 text-xs text-neutral-500">
        <span>{t("pay.cashierTitle")}</span>
        <span className="rounded bg-neutral-300/70 px-1.5 py-0.5 text-neutral-600">{t("badge")}</span>
      </header>
      <form method="post" action="/sandbox/wechatpay/cashier/pay" className="mt-6 flex flex-1 flex-col">
        <input type="hidden" name="kind" value={kind} />
        {Object.entries(hidden).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <section className="rounded-xl bg-white px-5 py-6 text-center shadow-sm">
          <p className="text-sm text-neutral-600">{t("pay.payTo", { merchant })}</p>
          <p className="mt-3 text-4xl font-semibold tracking-tight text-neutral-900" aria-label={t("pay.amountLabel")}>
            {formatFen(amountFen)}
          </p>
          <p className="mt-3 text-sm break-words text-neutral-500">{description}</p>
        </section>
        {note && (
          <p role="status" className="mt-4 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-800">
            {note}
          </p>
        )}
        <div className="mt-6">
          <label htmlFor="password" className="block text-sm font-medium text-neutral-800">
            {t("pay.password")}
          </label>
          <input
            id="password"
            name="password"
            type="password"
            inputMode="numeric"
            pattern="[0-9]{6}"
            minLength={6}
            maxLength={6}
            required
            autoComplete="off"
            aria-describedby={passwordError ? "password-error password-hint" : "password-hint"}
            aria-invalid={passwordError || undefined}
            className="mt-2 block h-12 w-full rounded-lg border border-neutral-300 bg-white px-4 text-center font-mono text-2xl tracking-[0.6em] focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none"
          />
          <p id="password-hint" className="mt-1 text-xs text-neutral-500">
            {t("pay.passwordHint")}
          </p>
          {passwordError && (
            <p id="password-error" role="alert" className="mt-1 text-sm text-red-700">
              {t("pay.passwordError")}
            </p>
          )}
        </div>
        <div className="mt-auto space-y-3 pt-10">
          <button type="submit" name="decision" value="pay" className="block h-11 w-full rounded-lg bg-brand-500 text-base font-medium text-white active:bg-brand-600">
            {t("pay.payButton")}
          </button>
          <button type="submit" name="decision" value="cancel" formNoValidate className="block h-11 w-full rounded-lg bg-neutral-200 text-base font-medium text-neutral-800 active:bg-neutral-300">
            {t("pay.cancelButton")}
          </button>
        </div>
        <p className="mt-6 text-center text-[11px] break-all text-neutral-600">{t("pay.footer", { mchid })}</p>
      </form>
    </main>
  );
}

/** The cashier's message page: a problem (bad signature, closed order…) or a result. */
export async function CashierMessage({ tone, title, body, code, back }: { tone: "error" | "ok" | "info"; title: string; body?: string; code?: string; back?: { href: string; label: string } }) {
  const colour = tone === "ok" ? "bg-brand-500" : tone === "error" ? "bg-[#fa9d3b]" : "bg-neutral-400";
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center px-6 pt-24 text-center">
      <div aria-hidden className={`grid size-16 place-items-center rounded-full ${colour} text-3xl font-bold text-white`}>
        {tone === "ok" ? "✓" : "!"}
      </div>
      <h1 className="mt-6 text-lg font-medium text-neutral-900">{title}</h1>
      {body && <p className="mt-2 text-sm text-neutral-600">{body}</p>}
      {code && <p className="mt-1 font-mono text-xs text-neutral-600">{code}</p>}
      {back && (
        <a href={back.href} className="mt-8 inline-flex h-11 items-center rounded-lg bg-brand-500 px-6 text-base font-medium text-white active:bg-brand-600">
          {back.label}
        </a>
      )}
    </main>
  );
}
