import "server-only";
// Every queue's handler, and the recurring jobs, in one place: the app's worker runs
// these. Each area exports its handlers; add them here.
import type { Handlers } from "./worker";

export async function jobHandlers(): Promise<Handlers> {
  return {};
}

export const recurringJobs: { name: string; everyMs: number }[] = [];
