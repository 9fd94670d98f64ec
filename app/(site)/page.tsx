import { getTranslations } from "next-intl/server";

export default async function Home() {
  const t = await getTranslations("common");
  return (
    <main className="mx-auto max-w-3xl p-6">
      <h1 className="text-2xl font-semibold">{t("appName")}</h1>
      <p className="text-neutral-600">{t("tagline")}</p>
    </main>
  );
}
