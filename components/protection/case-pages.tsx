// The three parties' case pages: the same case, laid out for a phone (buyer) or the console
// (seller, admin), each with exactly the controls its reader may use now.
import { useTranslations } from "next-intl";
import { buyerMessageAction } from "@/lib/protection/actions/buyer";
import { sellerMessageAction } from "@/lib/protection/actions/seller";
import { adminMessageAction } from "@/lib/protection/actions/admin";
import { Section } from "@/components/orders/mobile";
import { Card } from "@/components/ui/card";
import type { CaseView, EvidenceBundle } from "@/lib/protection/queries";
import { BuyerCaseActions } from "./buyer-case-actions";
import { CaseAmounts, CaseHeadline, CaseLines, CaseRefunds, CaseRequest, CaseReturn, ComplaintPanel } from "./case-view";
import { CaseMessages } from "./case-messages";
import { CaseTimeline } from "./case-timeline";
import { EvidenceBundleView } from "./evidence-bundle";
import { TextWithImagesForm } from "./forms";

const anyAction = (c: CaseView) => Object.entries(c.can).some(([k, v]) => k !== "message" && v);

function MessageForm({ c, action, hidden, target }: { c: CaseView; action: typeof buyerMessageAction; hidden: Record<string, string>; target: { orderId: string } | { storeId: string } | Record<string, never> }) {
  const t = useTranslations("protection.messages");
  if (!c.can.message) return <p className="mt-3 text-xs text-neutral-500">{t("closed")}</p>;
  return (
    <div className="mt-4 border-t border-neutral-100 pt-3">
      <TextWithImagesForm
        action={action}
        hidden={hidden}
        title={t("write")}
        textName="body"
        textLabel={t("body")}
        maxLength={1000}
        rows={2}
        images={{ name: "imageIds", label: t("images"), target }}
        submitLabel={t("send")}
        pendingLabel={t("sending")}
        variant="secondary"
      />
    </div>
  );
}

/** The buyer's case page body (inside BuyerPage). */
export function BuyerCasePage({ c, serverNow, maxImages }: { c: CaseView; serverNow: number; maxImages: number }) {
  const t = useTranslations("protection.case");
  return (
    <main>
      <Section>
        <CaseHeadline c={c} serverNow={serverNow} />
      </Section>
      {anyAction(c) && (
        <Section title={t("yourActions")} id="case-actions">
          <BuyerCaseActions requestId={c.id} orderId={c.order.id} can={c.can} offeredFen={c.offeredFen} maxImages={maxImages} />
        </Section>
      )}
      <Section title={t("amounts")} id="case-amounts">
        <CaseAmounts c={c} />
        <CaseRefunds c={c} />
      </Section>
      {(c.returnAddress || c.returnTrackingNo) && (
        <Section title={t("return")} id="case-return">
          <CaseReturn c={c} />
        </Section>
      )}
      {c.complaint && (
        <Section title={t("complaint")} id="case-complaint">
          <ComplaintPanel c={c} />
        </Section>
      )}
      <Section title={t("items")} id="case-items">
        <CaseLines c={c} />
      </Section>
      <Section title={t("request")} id="case-request">
        <CaseRequest c={c} orderHref={`/orders/${encodeURIComponent(c.order.id)}`} />
      </Section>
      <Section title={t("messages")} id="case-messages">
        <CaseMessages messages={c.messages} viewer="BUYER" />
        <MessageForm c={c} action={buyerMessageAction} hidden={{ requestId: c.id }} target={{ orderId: c.order.id }} />
      </Section>
      <Section title={t("timeline")} id="case-timeline">
        <CaseTimeline events={c.events} />
      </Section>
    </main>
  );
}

/** The seller's and the admin's case page body (console layout). */
export function ConsoleCasePage({ c, serverNow, storeId, bundle, actions }: { c: CaseView; serverNow: number; storeId?: string; bundle?: EvidenceBundle; actions: React.ReactNode }) {
  const t = useTranslations("protection.case");
  const messageAction = c.viewer === "ADMIN" ? adminMessageAction : sellerMessageAction;
  const hidden: Record<string, string> = c.viewer === "ADMIN" ? { requestId: c.id } : { requestId: c.id, storeId: storeId ?? "" };
  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
        <div className="space-y-6">
          <Card>
            <CaseHeadline c={c} serverNow={serverNow} />
          </Card>
          {anyAction(c) && <Card title={t("yourActions")}>{actions}</Card>}
          {c.complaint && (
            <Card title={t("complaint")}>
              <ComplaintPanel c={c} />
            </Card>
          )}
          <Card title={t("messages")}>
            <CaseMessages messages={c.messages} viewer={c.viewer} />
            <MessageForm c={c} action={messageAction as typeof buyerMessageAction} hidden={hidden} target={c.viewer === "ADMIN" ? {} : { storeId: storeId ?? "" }} />
          </Card>
          <Card title={t("timeline")}>
            <CaseTimeline events={c.events} />
          </Card>
        </div>
        <div className="space-y-6">
          <Card title={t("amounts")}>
            <CaseAmounts c={c} />
            <CaseRefunds c={c} />
          </Card>
          {(c.returnAddress || c.returnTrackingNo) && (
            <Card title={t("return")}>
              <CaseReturn c={c} />
            </Card>
          )}
          <Card title={t("request")}>
            <CaseRequest c={c} orderHref={storeId ? `/seller/stores/${encodeURIComponent(storeId)}/orders/${encodeURIComponent(c.order.id)}` : undefined} />
          </Card>
          <Card title={t("items")}>
            <CaseLines c={c} />
          </Card>
        </div>
      </div>
      {bundle && <EvidenceBundleView bundle={bundle} caseRequestId={c.id} />}
    </div>
  );
}

