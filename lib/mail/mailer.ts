import "server-only";
// Outgoing mail, through SMTP (nodemailer) when SMTP_HOST is set, else to the local mail
// catcher on a developer's server (lib/mail/catcher.ts), else nowhere (logged).
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { catchMail } from "./catcher";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

let transport: Transporter | undefined;
function smtp(): Transporter {
  const e = env();
  transport ??= nodemailer.createTransport({
    host: e.SMTP_HOST,
    port: e.SMTP_PORT,
    secure: e.SMTP_SECURE,
    auth: e.SMTP_USER ? { user: e.SMTP_USER, pass: e.SMTP_PASSWORD } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return transport;
}

export async function sendMail(mail: Mail): Promise<void> {
  const e = env();
  if (e.MAIL_TRANSPORT === "none") {
    log.error("mail not sent: no SMTP_HOST configured", { subject: mail.subject });
    return;
  }
  if (e.MAIL_TRANSPORT === "catcher") {
    await catchMail({ from: e.MAIL_FROM, ...mail });
    return;
  }
  await smtp().sendMail({ from: e.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
}

const inFlight = new Set<Promise<void>>();

/**
 * Sends without making the caller wait (the answer must not take longer when there is a mail
 * to send: that would tell whether an account exists). Failures are logged.
 */
export function sendMailInBackground(mail: Mail): void {
  const p = sendMail(mail)
    .catch((error) => log.error("mail could not be sent", { error, subject: mail.subject }))
    .finally(() => inFlight.delete(p));
  inFlight.add(p);
}

/** Resolves once every mail sent in the background so far is sent or failed (tests, shutdown). */
export async function mailSettled(): Promise<void> {
  while (inFlight.size) await Promise.all([...inFlight]);
}
