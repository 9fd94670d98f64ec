import { Suspense } from "react";
import { getActor } from "@/lib/auth/session";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { notificationCentrePath } from "@/lib/notifications/paths";
import { getMyNotificationSummary } from "@/lib/notifications/queries";
import { LiveBell } from "./live-bell";
import { LiveNotificationsButton } from "./live-notifications-button";

async function Bell({ variant }: { variant: "console" | "mobile" }) {
  const actor = await getActor();
  if (!actor) return null;
  const { unread, latestId } = await getMyNotificationSummary(actor);
  // The bell's messages come with it, only for signed-in users: pages that show it (every
  // storefront page) need not send them to everyone else.
  return (
    <ClientMessages scope="bell">
      <LiveBell href={notificationCentrePath(actor.role)} initialCount={unread} latestId={latestId} variant={variant} />
    </ClientMessages>
  );
}

/** The signed-in user's notification bell (nothing when signed out); streams in without holding up the page. */
export function NotificationBell({ variant = "console" }: { variant?: "console" | "mobile" }) {
  return (
    // On the storefront most visitors are signed out: no placeholder that would then vanish.
    <Suspense fallback={variant === "mobile" ? null : <span aria-hidden className="size-9" />}>
      <Bell variant={variant} />
    </Suspense>
  );
}

async function Button() {
  const actor = await getActor();
  if (!actor) return null;
  const { unread, latestId } = await getMyNotificationSummary(actor);
  return (
    <ClientMessages scope="bell">
      <LiveNotificationsButton href={notificationCentrePath(actor.role)} initialCount={unread} latestId={latestId} />
    </ClientMessages>
  );
}

/** A full-width link to the signed-in user's notification centre with the unread count (the account page). */
export function NotificationsButton() {
  return (
    <Suspense fallback={<div aria-hidden className="h-12" />}>
      <Button />
    </Suspense>
  );
}
