"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback } from "react";
import { messageValues, type NotificationItem } from "@/lib/notifications/format";
import { isNotificationKind } from "@/lib/notifications/kinds";

/** Renders a notification's message in the page's language from its kind and params. */
export function useNotificationText(): (n: Pick<NotificationItem, "kind" | "params">) => string {
  const t = useTranslations("notifications");
  const carriers = useTranslations("orders.carriers");
  const format = useFormatter();
  return useCallback(
    (n) => {
      if (!isNotificationKind(n.kind)) return t("unknownKind");
      const values = messageValues(n.kind, n.params, {
        carrierName: (code) => (carriers.has(code) ? carriers(code) : undefined),
        dateTime: (d) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }),
      });
      return t(`kinds.${n.kind}`, values);
    },
    [t, carriers, format],
  );
}
