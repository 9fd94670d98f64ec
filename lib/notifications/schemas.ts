import { z } from "zod";
import { isInt8Id } from "@/lib/validation";

/** A notification id: the bigint row id as a string, within int8 (one above it was a 500). */
export const notificationId = z.string().trim().refine(isInt8Id, { error: "invalid" });

export const listNotificationsInput = z.object({
  /** Cursor: only notifications older than this id (the last one of the previous page). */
  before: notificationId.optional(),
  unreadOnly: z.boolean().optional(),
  limit: z.number().int().min(1).max(100).optional(),
});
export type ListNotificationsInput = z.input<typeof listNotificationsInput>;

export const markReadInput = z.object({ id: notificationId });

export const markAllReadInput = z.object({
  /** Only up to the newest one the user has seen (one arriving meanwhile stays unread). */
  upTo: notificationId.optional(),
});
export type MarkAllReadInput = z.input<typeof markAllReadInput>;

export const muteSettingsInput = z.object({
  muted: z.array(z.string().trim().min(1).max(64)).max(64),
});
export type MuteSettingsInput = z.input<typeof muteSettingsInput>;
