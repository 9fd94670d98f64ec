import "server-only";
// The WeChat Pay sandbox's job handlers: notification delivery (and its out-of-order release)
// and refund settlement. Registered in lib/jobs/registry.ts.
import type { Handlers } from "@/lib/jobs/worker";
import { notificationJobHandlers } from "./notifications";
import { refundJobHandlers } from "./refunds";
import { shareJobHandlers } from "./share-orders";

export const wechatPaySandboxJobHandlers: Handlers = { ...notificationJobHandlers, ...refundJobHandlers, ...shareJobHandlers };
