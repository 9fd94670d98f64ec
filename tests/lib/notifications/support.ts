// Helpers for the notification tests.
export async function waitFor(cond: () => boolean | Promise<boolean>, ms = 5_000, what = "condition"): Promise<void> {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface SseEvent {
  event: string;
  id?: string;
  data?: unknown;
}

/** Reads Server-Sent Events from a response body; `until` waits for the events a test expects. */
export function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = "";
  let done = false;
  const pump = (async () => {
    try {
      for (;;) {
        const r = await reader.read();
        if (r.done) break;
        buffer += decoder.decode(r.value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const e: SseEvent = { event: "message" };
          let data: string | undefined;
          let fields = 0;
          for (const line of block.split("\n")) {
            if (!line || line.startsWith(":")) continue;
            const i = line.indexOf(":");
            const k = i < 0 ? line : line.slice(0, i);
            const v = i < 0 ? "" : line.slice(i + 1).replace(/^ /, "");
            fields++;
            if (k === "event") e.event = v;
            else if (k === "id") e.id = v;
            else if (k === "data") data = data === undefined ? v : `${data}\n${v}`;
          }
          if (data !== undefined) e.data = JSON.parse(data);
          if (fields && (e.event !== "message" || data !== undefined)) events.push(e);
        }
      }
    } catch {
      // aborted
    } finally {
      done = true;
    }
  })();
  return {
    events,
    get done() {
      return done;
    },
    notifications: () => events.filter((e) => e.event === "notification").map((e) => e.id!),
    async until(cond: (events: SseEvent[]) => boolean, ms = 5_000) {
      await waitFor(() => cond(events) || done, ms, "stream events");
      if (!cond(events)) throw new Error(`stream ended before the expected events: ${JSON.stringify(events)}`);
    },
    async closed() {
      await pump;
    },
  };
}
