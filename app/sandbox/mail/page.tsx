// The local mail catcher (lib/mail/catcher.ts): the mail a developer's server without SMTP
// would have sent — password reset links among it. Only there: 404 everywhere else.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { env } from "@/lib/env";
import { listCaughtMail } from "@/lib/mail/catcher";

export const dynamic = "force-dynamic";

/** The text with its http(s) addresses as links (a reset link is there to be followed). */
function withLinks(text: string) {
  return text.split(/(https?:\/\/[^\s<>]+)/).map((part, i) =>
    i % 2 ? (
      <a key={i} href={part} className="text-brand-700 underline">
        {part}
      </a>
    ) : (
      part
    ),
  );
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sandbox.mail");
  return { title: t("title"), robots: { index: false } };
}

export default async function MailCatcherPage() {
  if (env().MAIL_TRANSPORT !== "catcher") notFound();
  const [t, format, mails] = await Promise.all([getTranslations("sandbox.mail"), getFormatter(), listCaughtMail({ limit: 50 })]);
  return (
    <main className="mx-auto max-w-3xl space-y-6 px-4 py-8">
      <header>
        <h1 className="text-xl font-semibold text-neutral-900">{t("title")}</h1>
        <p className="mt-1 text-sm text-neutral-600">{t("intro")}</p>
      </header>
      {mails.length === 0 ? (
        <p className="text-sm text-neutral-500">{t("empty")}</p>
      ) : (
        <ol className="space-y-4">
          {mails.map((m) => (
            <li key={m.id}>
              <article aria-label={m.subject} className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-neutral-200">
                <h2 className="text-base font-semibold text-neutral-900">{m.subject}</h2>
                <dl className="mt-2 grid grid-cols-[5rem_1fr] gap-x-3 text-sm text-neutral-600">
                  <dt>{t("to")}</dt>
                  <dd className="break-all">{m.to}</dd>
                  <dt>{t("from")}</dt>
                  <dd className="break-all">{m.from}</dd>
                  <dt>{t("sentAt")}</dt>
                  <dd>{format.dateTime(new Date(m.sentAt), { dateStyle: "medium", timeStyle: "medium" })}</dd>
                </dl>
                <pre className="mt-3 text-sm break-words whitespace-pre-wrap text-neutral-900">{withLinks(m.text)}</pre>
              </article>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
