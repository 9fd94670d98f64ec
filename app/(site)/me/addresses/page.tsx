import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AddressBook } from "@/components/orders/address-book";
import { BuyerPage } from "@/components/orders/mobile";
import { pageActor } from "@/lib/auth/guards";
import { listAddresses } from "@/lib/orders/addresses";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("orders.addressBook");
  return { title: t("title") };
}

export default async function AddressBookPage() {
  const actor = await pageActor({ roles: ["BUYER"], next: "/me/addresses" });
  const [addresses, t] = await Promise.all([listAddresses(actor), getTranslations("orders.addressBook")]);
  return (
    <BuyerPage title={t("title")} back={{ href: "/me", label: t("backToAccount") }}>
      <main>
        <AddressBook addresses={addresses} />
      </main>
    </BuyerPage>
  );
}
