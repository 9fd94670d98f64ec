// How long the order page keeps looking for a payment after the cashier: every 2 s, up to 30 s.
// (A plain module: the server page and the client poller both read it.)
export const POLL_INTERVAL_MS = 2000;
export const POLL_ATTEMPTS = 15;
