// Places one order through the Store API and answers its HTTP status. Sent with node:http on
// keep-alive connections rather than fetch: the load generator shares the machine's cores
// with the app and Postgres, and fetch (undici with WHATWG streams) cost ~1.2 ms of CPU per
// order here, time taken from the server being measured.
import crypto from "node:crypto";
import http from "node:http";

// Idle connections are closed here after 4 s, before the server's keep-alive timeout (Node's
// 5 s) closes them: a request sent just as the server closes its connection fails (ECONNRESET).
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, timeout: 4000 });

export function postOrder(baseUrl: string, token: string, order: unknown): Promise<number> {
  return postStoreApi(baseUrl, token, "/orders", order);
}

/** POSTs `body` as JSON to a Store API path (with an Idempotency-Key) and answers the status. */
export function postStoreApi(baseUrl: string, token: string, path: string, payload: unknown): Promise<number> {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${baseUrl}/api/store/v1${path}`,
      {
        method: "POST",
        agent,
        headers: {
          Authorization: `Bearer ${token}`,
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(body),
          "Idempotency-Key": crypto.randomUUID(),
        },
      },
      (res) => {
        res.resume(); // the answer's body is not needed, only read to the end
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** GETs `path` on the same keep-alive connections and answers the status. */
export function getStatus(baseUrl: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${baseUrl}${path}`, { agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}
