// Outgoing mail: through SMTP when SMTP_HOST is set (a minimal SMTP server here receives it),
// to the mail catcher on a local server without it, and nowhere on a public one without it.
import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { env, resetEnvForTests } from "@/lib/env";
import { listCaughtMail } from "@/lib/mail/catcher";
import { sendMail } from "@/lib/mail/mailer";

/** Just enough SMTP to take one message at a time; keeps each message's DATA. */
function smtpServer() {
  const received: { from: string; to: string[]; data: string }[] = [];
  const server = net.createServer((socket) => {
    let buffer = "";
    let inData = false;
    let current = { from: "", to: [] as string[], data: "" };
    socket.write("220 test ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let i: number;
      while ((i = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            received.push(current);
            current = { from: "", to: [], data: "" };
            socket.write("250 OK queued\r\n");
          } else current.data += line + "\n";
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250 test\r\n");
        else if (verb === "MAIL") (current.from = line), socket.write("250 OK\r\n");
        else if (verb === "RCPT") current.to.push(line), socket.write("250 OK\r\n");
        else if (verb === "DATA") (inData = true), socket.write("354 go ahead\r\n");
        else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
  });
  return { server, received };
}

const smtp = smtpServer();
let port = 0;
beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.server.listen(0, "127.0.0.1", resolve));
  port = (smtp.server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => smtp.server.close(resolve));
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});

describe("sending mail", () => {
  it("goes to the mail catcher on a local server without SMTP", async () => {
    resetEnvForTests();
    expect(env().MAIL_TRANSPORT).toBe("catcher");
    await sendMail({ to: "caught@example.test", subject: "Caught", text: "Hello" });
    expect(await listCaughtMail({ to: "caught@example.test" })).toEqual([expect.objectContaining({ subject: "Caught", text: "Hello", from: env().MAIL_FROM })]);
  });

  it("goes nowhere on a public server without SMTP", async () => {
    vi.stubEnv("APP_URL", "https://shop.example.com");
    vi.stubEnv("SANDBOX_ENABLED", "false");
    resetEnvForTests();
    expect(env().MAIL_TRANSPORT).toBe("none");
    await sendMail({ to: "public@example.test", subject: "Lost", text: "Hello" });
    expect(await listCaughtMail({ to: "public@example.test" })).toEqual([]);
  });

  it("is sent through SMTP when SMTP_HOST is set", async () => {
    vi.stubEnv("SMTP_HOST", "127.0.0.1");
    vi.stubEnv("SMTP_PORT", String(port));
    vi.stubEnv("MAIL_FROM", "Little Store <shop@example.test>");
    resetEnvForTests();
    expect(env().MAIL_TRANSPORT).toBe("smtp");
    await sendMail({ to: "real@example.test", subject: "Via SMTP", text: "Hello over the wire" });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].from).toContain("<shop@example.test>");
    expect(smtp.received[0].to).toEqual([expect.stringContaining("<real@example.test>")]);
    expect(smtp.received[0].data).toMatch(/^Subject: Via SMTP$/m);
    expect(smtp.received[0].data).toContain("Hello over the wire");
    expect(await listCaughtMail({ to: "real@example.test" })).toEqual([]);
  });
});
