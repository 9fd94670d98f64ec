import { useTranslations } from "next-intl";
import { TextAreaField, TextField } from "@/components/ui/field";

export const ADDRESS_FIELDS = ["recipient", "phone", "province", "city", "district", "detail"] as const;
export type AddressValues = Partial<Record<(typeof ADDRESS_FIELDS)[number], string>>;

/** Recipient, mobile, 省 / 市 / 区 and the street address, with their errors. */
export function AddressFields({ values, errors, idPrefix = "addr" }: { values: AddressValues; errors: (field: string) => string | undefined; idPrefix?: string }) {
  const t = useTranslations("orders.address");
  const id = (k: string) => `${idPrefix}-${k}`;
  return (
    <div className="space-y-3">
      <div className="grid grid-cols-2 gap-3">
        <TextField id={id("recipient")} label={t("recipient")} name="recipient" defaultValue={values.recipient ?? ""} error={errors("recipient")} required maxLength={20} autoComplete="name" />
        <TextField
          id={id("phone")}
          label={t("phone")}
          name="phone"
          defaultValue={values.phone ?? ""}
          error={errors("phone")}
          required
          type="tel"
          inputMode="numeric"
          maxLength={11}
          autoComplete="tel-national"
        />
      </div>
      <div className="grid grid-cols-3 gap-2">
        <TextField id={id("province")} label={t("province")} name="province" defaultValue={values.province ?? ""} error={errors("province")} required maxLength={20} autoComplete="address-level1" />
        <TextField id={id("city")} label={t("city")} name="city" defaultValue={values.city ?? ""} error={errors("city")} required maxLength={20} autoComplete="address-level2" />
        <TextField id={id("district")} label={t("district")} name="district" defaultValue={values.district ?? ""} error={errors("district")} required maxLength={20} autoComplete="address-level3" />
      </div>
      <TextAreaField
        id={id("detail")}
        label={t("detail")}
        name="detail"
        defaultValue={values.detail ?? ""}
        error={errors("detail")}
        hint={t("detailHint")}
        required
        maxLength={120}
        rows={2}
        className="min-h-16"
        autoComplete="street-address"
      />
    </div>
  );
}

/** An address on one line: 浙江省 杭州市 西湖区 文三路 100 号. */
export function formatAddress(a: { province: string; city: string; district: string; detail?: string; addressDetail?: string }) {
  return [a.province, a.city, a.district, a.detail ?? a.addressDetail ?? ""].filter(Boolean).join(" ");
}
