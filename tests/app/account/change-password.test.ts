// The change-password action as a browser drives it: next-auth's real endpoints sign the
// browser in and answer its session, and the action runs with that browser's cookies (the
// request's cookies() are the browser's jar). The browser that changed the password stays
// signed in; every other session of the account, and a copy of its own old token, ends.
import { describe, expect, it, vi } from "vitest";
import { registerSeller } from "@/lib/auth/accounts";
import { getActor } from "@/lib/auth/session";
import { locales } from "@/lib/i18n/config";
import { messagesFor } from "@/lib/i18n/messages";
import { useTestDatabase } from "../../support/db";
import { browser } from "../../support/next-auth-browser";

type Browser = ReturnType<typeof browser>;
const current = vi.hoisted(() => ({ browser: null as { jar: Map<string, string>; session(): Promise<unknown> } | null }));

// The request's cookies are the current browser's; what the action sets lands in its jar.
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => {
    const jar = current.browser?.jar ?? new Map<string, string>();
    return {
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      set: (name: string, value: string) => void jar.set(name, value),
    };
  },
}));
// getServerSession outside a Next request: next-auth's session action for the current browser.
vi.mock(import("next-auth"), async (original) => ({
  ...(await original()),
  getServerSession: (async () => {
    const s = (current.browser ? await current.browser.session() : null) as Record<string, unknown> | null;
    return s && Object.keys(s).length ? s : null;
  }) as never,
}));

useTestDatabase();

const { changePasswordAction } = await import("@/app/(site)/me/password/actions");
// Outside a request the actions answer in the default locale.
const zh = messagesFor("zh-CN").errors as { fields: Record<string, string> };

async function as<T>(b: Browser | null, call: () => Promise<T>): Promise<T> {
  current.browser = b;
  try {
    return await call();
  } finally {
    current.browser = null;
  }
}

function form(fields: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

let n = 0;
async function signedInSeller() {
  const email = `change-${++n}@example.test`;
  const seller = await registerSeller({ name: `Seller ${n}`, email, password: "old password" });
  const b = browser();
  await b.signInWithPassword(email, "old password");
  return { seller, email, b };
}

describe("changing the password", () => {
  it("keeps this browser signed in and ends every other session of the account", async () => {
    const { seller, email, b } = await signedInSeller();
    const elsewhere = browser();
    await elsewhere.signInWithPassword(email, "old password");
    const oldCopy = b.copy();

    const result = await as(b, () => changePasswordAction(null, form({ currentPassword: "old password", newPassword: "new password", confirmPassword: "new password" })));
    expect(result).toEqual({ ok: true, data: { keptSession: true } });

    expect((await as(b, () => getActor()))?.userId).toBe(seller.id);
    expect((await b.session()) as { user?: { id?: string } }).toMatchObject({ user: { id: seller.id } });
    for (const ended of [elsewhere, oldCopy]) {
      expect(await as(ended, () => getActor())).toBeNull();
      expect(((await ended.session()) as { user?: unknown }).user).toBeUndefined();
    }
    expect((await browser().signInWithPassword(email, "new password")).redirect).toMatch(/\/seller$/);
  });

  it("answers a wrong current password with a field error, echoes no password, and keeps the session", async () => {
    const { seller, b } = await signedInSeller();
    const result = await as(b, () => changePasswordAction(null, form({ currentPassword: "wrong one!", newPassword: "new password", confirmPassword: "new password" })));
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { currentPassword: [zh.fields.currentPasswordWrong] }, values: {} });
    expect((await as(b, () => getActor()))?.userId).toBe(seller.id);
  });

  it("translates a repetition that does not match", async () => {
    const { b } = await signedInSeller();
    const result = await as(b, () => changePasswordAction(null, form({ currentPassword: "old password", newPassword: "new password", confirmPassword: "other password" })));
    expect(result).toMatchObject({ ok: false, fieldErrors: { confirmPassword: [zh.fields.passwordMismatch] } });
  });

  it("is refused when signed out, and for a browser whose session was ended", async () => {
    const { b } = await signedInSeller();
    const input = { currentPassword: "old password", newPassword: "new password", confirmPassword: "new password" };
    expect(await as(null, () => changePasswordAction(null, form(input)))).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    const copy = b.copy();
    await b.signOut();
    expect(await as(copy, () => changePasswordAction(null, form(input)))).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });
});

describe("the change-password messages", () => {
  it("exist in every locale", () => {
    for (const l of locales) {
      const m = messagesFor(l) as unknown as { auth: Record<string, string>; errors: { fields: Record<string, string> } };
      for (const k of ["changePassword", "changePasswordIntro", "currentPassword", "newPassword", "confirmPassword", "changePasswordSubmit", "changingPassword", "passwordChanged", "backToAccount"]) expect(m.auth[k], `${l} auth.${k}`).toBeTruthy();
      for (const k of ["currentPasswordWrong", "passwordMismatch"]) expect(m.errors.fields[k], `${l} errors.fields.${k}`).toBeTruthy();
    }
  });
});
