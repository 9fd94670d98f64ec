import { describe, expect, it } from "vitest";
import { authenticateWithPassword } from "@/lib/auth/accounts";
import { createAdmin, generatePassword } from "@/lib/auth/admins";
import { useTestDatabase } from "../../support/db";

useTestDatabase();

describe("creating a platform admin (npm run create-admin)", () => {
  it("makes an admin who signs in with the generated password, and no one with another", async () => {
    const password = generatePassword();
    expect(password.length).toBeGreaterThanOrEqual(20);
    const admin = await createAdmin({ email: " Root@Example.COM ", name: "Root", password });
    expect(admin.email).toBe("root@example.com");
    expect(await authenticateWithPassword("root@example.com", password)).toMatchObject({ id: admin.id, role: "ADMIN" });
    expect(await authenticateWithPassword("root@example.com", generatePassword())).toBeNull();
  });

  it("refuses a taken email, a malformed email and a short password, naming the field", async () => {
    await createAdmin({ email: "taken@example.com", name: "First", password: generatePassword() });
    await expect(createAdmin({ email: "taken@example.com", name: "Second", password: generatePassword() })).rejects.toMatchObject({ fieldErrors: { email: ["emailTaken"] } });
    await expect(createAdmin({ email: "not-an-email", name: "X", password: generatePassword() })).rejects.toMatchObject({ fieldErrors: { email: ["emailFormat"] } });
    await expect(createAdmin({ email: "short@example.com", name: "X", password: "1234567" })).rejects.toMatchObject({ fieldErrors: { password: ["passwordTooShort"] } });
  });
});
