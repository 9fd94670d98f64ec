import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** What a missing page says, in whichever way its caller found the words. */
export function NotFoundView({ title, body, home }: { title: string; body: string; home: string }) {
  return (
    <main className="mx-auto max-w-md px-6 py-20 text-center">
      <p className="text-sm font-semibold text-neutral-500">404</p>
      <h1 className="mt-2 text-lg font-semibold text-neutral-900">{title}</h1>
      <p className="mt-2 text-sm text-neutral-600">{body}</p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-brand-700">
        {home}
      </Link>
    </main>
  );
}

/** A page that does not exist (an unknown address, store or record), with a way home. */
export async function NotFoundPage() {
  const t = await getTranslations("common");
  return <NotFoundView title={t("notFoundTitle")} body={t("notFoundBody")} home={t("home")} />;
}
