import { useFormatter, useTranslations } from "next-intl";
import type { Viewer } from "@/lib/protection/abilities";
import { EvidenceGallery } from "./evidence-gallery";

export interface CaseMessageView {
  id: string;
  authorRole: string;
  authorName: string | null;
  body: string;
  imageIds: string[];
  createdAt: Date;
  complaintId: string | null;
}

/** Messages between the parties, oldest first; the reader's own on the right. */
export function CaseMessages({ messages, viewer }: { messages: CaseMessageView[]; viewer: Viewer }) {
  const t = useTranslations("protection.messages");
  const tp = useTranslations("protection");
  const format = useFormatter();
  if (!messages.length) return <p className="text-sm text-neutral-500">{t("none")}</p>;
  return (
    <ol className="space-y-3" aria-label={t("title")}>
      {messages.map((m) => {
        const mine = m.authorRole === viewer;
        const who = tp(`party.${m.authorRole === "ADMIN" ? "ADMIN" : m.authorRole === "SELLER" ? "SELLER" : "BUYER"}`);
        return (
          <li key={m.id} className={`flex ${mine ? "justify-end" : "justify-start"}`}>
            <div className={`max-w-[85%] rounded-2xl px-3 py-2 ${mine ? "bg-brand-50" : m.authorRole === "ADMIN" ? "bg-amber-50" : "bg-neutral-100"}`}>
              <p className="text-xs text-neutral-500">
                {who}
                {m.authorName && viewer === "ADMIN" ? ` · ${m.authorName}` : ""}
                {m.complaintId ? ` · ${t("inComplaint")}` : ""} ·{" "}
                <time dateTime={m.createdAt.toISOString()}>{format.dateTime(m.createdAt, { dateStyle: "short", timeStyle: "short" })}</time>
              </p>
              <p className="text-sm break-words whitespace-pre-line text-neutral-900">{m.body}</p>
              <EvidenceGallery imageIds={m.imageIds} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}
