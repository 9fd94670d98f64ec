import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { DocEndpoint, DocParameter, DocSection, FieldRow } from "@/lib/api/open-v1/docs-model";

/** Error codes the Open API answers, in the order the docs list them. */
export const DOC_ERRORS = [
  [400, "BAD_JSON"],
  [400, "IDEMPOTENCY_KEY_INVALID"],
  [401, "UNAUTHENTICATED"],
  [404, "NOT_FOUND"],
  [405, "METHOD_NOT_ALLOWED"],
  [409, "CONFLICT"],
  [409, "STALE"],
  [409, "INVALID_STATE"],
  [409, "INSUFFICIENT_STOCK"],
  [413, "TOO_LARGE"],
  [415, "UNSUPPORTED_MEDIA"],
  [422, "VALIDATION"],
  [422, "IDEMPOTENCY_MISMATCH"],
  [429, "RATE_LIMITED"],
  [500, "INTERNAL"],
] as const;

const methodTone: Record<string, string> = {
  GET: "bg-sky-50 text-sky-800 ring-sky-200",
  POST: "bg-brand-50 text-brand-700 ring-brand-100",
  PUT: "bg-amber-50 text-amber-800 ring-amber-200",
  PATCH: "bg-violet-50 text-violet-800 ring-violet-200",
  DELETE: "bg-red-50 text-red-700 ring-red-200",
};

/** `code` spans in API descriptions. */
function Prose({ text }: { text?: string }): ReactNode {
  if (!text) return null;
  return text.split(/(`[^`]+`)/g).map((part, i) =>
    part.startsWith("`") && part.endsWith("`") && part.length > 2 ? (
      <code key={i} className="rounded bg-neutral-100 px-1 py-0.5 font-mono text-[0.85em]">
        {part.slice(1, -1)}
      </code>
    ) : (
      part
    ),
  );
}

const slug = (tag: string) => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

function Method({ method }: { method: string }) {
  return <span className={`inline-block w-16 shrink-0 rounded px-1.5 py-0.5 text-center font-mono text-xs font-semibold ring-1 ${methodTone[method] ?? ""}`}>{method}</span>;
}

function Code({ children, label }: { children: string; label: string }) {
  return (
    <pre aria-label={label} tabIndex={0} className="overflow-x-auto rounded-lg bg-neutral-900 p-3 font-mono text-xs leading-relaxed text-neutral-100">
      <code>{children}</code>
    </pre>
  );
}

function FieldTable({ rows, caption }: { rows: FieldRow[]; caption: string }) {
  const t = useTranslations("openapi.docs");
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[36rem] text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-neutral-200 text-xs text-neutral-500">
          <tr>
            <th scope="col" className="py-1.5 pr-3 font-medium">{t("field")}</th>
            <th scope="col" className="py-1.5 pr-3 font-medium">{t("type")}</th>
            <th scope="col" className="py-1.5 pr-3 font-medium">{t("required")}</th>
            <th scope="col" className="py-1.5 font-medium">{t("description")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100 align-top">
          {rows.map((r, i) => (
            <tr key={`${r.path}-${i}`}>
              <th scope="row" className="py-1.5 pr-3 font-mono text-xs font-normal" style={{ paddingLeft: `${r.depth * 0.9}rem` }}>
                {r.variant && <span className="mb-0.5 block font-sans text-[11px] text-neutral-500">{t("variant", { variant: r.variant })}</span>}
                {r.path}
              </th>
              <td className="py-1.5 pr-3 font-mono text-xs text-neutral-700">{r.type}</td>
              <td className="py-1.5 pr-3 text-xs">{r.required ? t("yes") : t("no")}</td>
              <td className="py-1.5 text-xs text-neutral-700">
                <Prose text={r.description} />
                {r.constraints.length > 0 && <span className="mt-0.5 block text-neutral-500">{r.constraints.join(" · ")}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ParamTable({ params, caption }: { params: DocParameter[]; caption: string }) {
  const t = useTranslations("openapi.docs");
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[36rem] text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-neutral-200 text-xs text-neutral-500">
          <tr>
            <th scope="col" className="py-1.5 pr-3 font-medium">{t("field")}</th>
            <th scope="col" className="py-1.5 pr-3 font-medium">{t("where")}</th>
            <th scope="col" className="py-1.5 pr-3 font-medium">{t("type")}</th>
            <th scope="col" className="py-1.5 pr-3 font-medium">{t("required")}</th>
            <th scope="col" className="py-1.5 font-medium">{t("description")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100 align-top">
          {params.map((p) => (
            <tr key={`${p.in}-${p.name}`}>
              <th scope="row" className="py-1.5 pr-3 font-mono text-xs font-normal">{p.name}</th>
              <td className="py-1.5 pr-3 text-xs">{p.in}</td>
              <td className="py-1.5 pr-3 font-mono text-xs text-neutral-700">{p.type}</td>
              <td className="py-1.5 pr-3 text-xs">{p.required ? t("yes") : t("no")}</td>
              <td className="py-1.5 text-xs text-neutral-700">
                <Prose text={p.description} />
                {p.constraints.length > 0 && <span className="mt-0.5 block text-neutral-500">{p.constraints.join(" · ")}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EndpointDoc({ e }: { e: DocEndpoint }) {
  const t = useTranslations("openapi.docs");
  const what = `${e.method} ${e.path}`;
  return (
    <article id={e.id} aria-labelledby={`${e.id}-title`} className="scroll-mt-20 rounded-xl bg-white p-5 shadow-sm ring-1 ring-neutral-200">
      <h3 id={`${e.id}-title`} className="flex flex-wrap items-center gap-2 text-base font-semibold">
        <Method method={e.method} />
        <code className="font-mono text-sm">{e.path}</code>
        <span className="text-neutral-600">— {e.summary}</span>
      </h3>
      {e.description && (
        <p className="mt-2 text-sm text-neutral-700">
          <Prose text={e.description} />
        </p>
      )}
      {e.parameters.length > 0 && (
        <section className="mt-4">
          <h4 className="mb-1 text-sm font-semibold">{t("parameters")}</h4>
          <ParamTable params={e.parameters} caption={t("paramsCaption", { what })} />
        </section>
      )}
      {e.body && (
        <section className="mt-4">
          <h4 className="mb-1 text-sm font-semibold">
            {t("requestBody")} <span className="font-mono text-xs font-normal text-neutral-500">{e.body.contentType}</span>
          </h4>
          {e.body.binary ? (
            <p className="text-sm text-neutral-700">{t("binaryBody", { types: e.body.contentType })}</p>
          ) : (
            <FieldTable rows={e.body.fields} caption={t("fieldsCaption", { what: `${what} ${t("requestBody")}` })} />
          )}
        </section>
      )}
      <section className="mt-4">
        <h4 className="mb-1 text-sm font-semibold">{t("responses")}</h4>
        <ul className="space-y-1 text-sm">
          {e.responses.map((r) => (
            <li key={r.status} className="flex gap-2">
              <span className={`font-mono text-xs font-semibold ${r.status.startsWith("2") ? "text-brand-700" : "text-neutral-600"}`}>{r.status}</span>
              <span className="text-neutral-700">
                <Prose text={r.description} />
              </span>
            </li>
          ))}
        </ul>
        {e.responses
          .filter((r) => r.fields.length > 0)
          .map((r) => (
            <details key={r.status} className="mt-2">
              <summary className="cursor-pointer text-sm text-brand-700">{t("responseFields", { status: r.status })}</summary>
              <div className="mt-2 space-y-2">
                <FieldTable rows={r.fields} caption={t("fieldsCaption", { what: `${what} ${r.status}` })} />
                {r.example !== undefined && <Code label={t("exampleResponse")}>{JSON.stringify(r.example, null, 2)}</Code>}
              </div>
            </details>
          ))}
      </section>
      <section className="mt-4">
        <h4 className="mb-1 text-sm font-semibold">{t("exampleRequest")}</h4>
        <Code label={`${t("exampleRequest")}: ${what}`}>{e.curl}</Code>
      </section>
    </article>
  );
}

/** The Open API reference: overview, error codes, then every endpoint grouped by tag. */
export function ApiReference({ sections, serverUrl, openapiUrl, perMinute }: { sections: DocSection[]; serverUrl: string; openapiUrl: string; perMinute: number }) {
  const t = useTranslations("openapi.docs");
  const overview = [
    ["authTitle", "authBody"],
    ["limitsTitle", "limitsBody"],
    ["retriesTitle", "retriesBody"],
    ["conventionsTitle", "conventionsBody"],
  ] as const;
  return (
    <div className="lg:grid lg:grid-cols-[14rem_1fr] lg:gap-8">
      <nav aria-label={t("onThisPage")} className="mb-6 text-sm lg:sticky lg:top-4 lg:mb-0 lg:max-h-[calc(100dvh-2rem)] lg:self-start lg:overflow-y-auto">
        <p className="mb-2 font-semibold">{t("onThisPage")}</p>
        <ul className="space-y-1">
          <li>
            <a href="#overview" className="text-neutral-700 hover:underline">{t("overview")}</a>
          </li>
          <li>
            <a href="#errors" className="text-neutral-700 hover:underline">{t("errorsTitle")}</a>
          </li>
          {sections.map((s) => (
            <li key={s.tag}>
              <a href={`#${slug(s.tag)}`} className="font-medium text-neutral-800 hover:underline">{s.tag}</a>
              <ul className="mt-1 mb-2 space-y-0.5 border-l border-neutral-200 pl-3">
                {s.endpoints.map((e) => (
                  <li key={e.id}>
                    <a href={`#${e.id}`} className="block truncate text-xs text-neutral-600 hover:underline">
                      <span className="font-mono">{e.method}</span> {e.path}
                    </a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </nav>
      <div className="min-w-0 space-y-10">
        <section id="overview" aria-labelledby="overview-title" className="scroll-mt-20 space-y-4">
          <h2 id="overview-title" className="text-lg font-semibold">{t("overview")}</h2>
          <dl className="grid gap-1 text-sm sm:grid-cols-[8rem_1fr]">
            <dt className="text-neutral-500">{t("baseUrl")}</dt>
            <dd><code className="font-mono">{serverUrl}</code></dd>
            <dt className="text-neutral-500">OpenAPI</dt>
            <dd>
              <a href={openapiUrl} className="text-brand-700 hover:underline">{t("openapiJson")}</a>
            </dd>
          </dl>
          {overview.map(([title, body]) => (
            <div key={title}>
              <h3 className="font-semibold">{t(title)}</h3>
              <p className="mt-1 text-sm text-neutral-700">{t(body, { count: perMinute })}</p>
            </div>
          ))}
        </section>
        <section id="errors" aria-labelledby="errors-title" className="scroll-mt-20 space-y-2">
          <h2 id="errors-title" className="text-lg font-semibold">{t("errorsTitle")}</h2>
          <p className="text-sm text-neutral-700">{t("errorsBody")}</p>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("errorsCaption")}</caption>
              <thead className="border-b border-neutral-200 text-xs text-neutral-500">
                <tr>
                  <th scope="col" className="py-1.5 pr-3 font-medium">{t("status")}</th>
                  <th scope="col" className="py-1.5 pr-3 font-medium">{t("code")}</th>
                  <th scope="col" className="py-1.5 font-medium">{t("meaning")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-100">
                {DOC_ERRORS.map(([status, code]) => (
                  <tr key={code}>
                    <td className="py-1.5 pr-3 font-mono text-xs">{status}</td>
                    <th scope="row" className="py-1.5 pr-3 font-mono text-xs font-normal">{code}</th>
                    <td className="py-1.5 text-xs text-neutral-700">{t(`errorMeaning.${code}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        {sections.map((s) => (
          <section key={s.tag} id={slug(s.tag)} aria-labelledby={`${slug(s.tag)}-title`} className="scroll-mt-20 space-y-4">
            <div>
              <h2 id={`${slug(s.tag)}-title`} className="text-lg font-semibold">{s.tag}</h2>
              {s.description && <p className="mt-1 text-sm text-neutral-600">{s.description}</p>}
            </div>
            {s.endpoints.map((e) => (
              <EndpointDoc key={e.id} e={e} />
            ))}
          </section>
        ))}
      </div>
    </div>
  );
}
