import { devices, expect, test } from "@playwright/test";
import { openSellerStore, png, signInWithPassword, unique } from "./support";

// A seller creates an item with two SKUs and an image, puts it in a new group, shows the
// group on the shelf and publishes; then a buyer on a phone finds it and picks a SKU.
test("seller lists an item on the shelf; a buyer on a phone finds it and picks a SKU", async ({ page, browser }) => {
  const title = `E2E 桂花乌龙 ${unique()}`;
  const groupName = `E2E ${unique()}`;
  await signInWithPassword(page, "tea@littlestore.test");
  const store = await openSellerStore(page, /西湖茶舍/);

  // The item: title, category, a main image, a "Size" spec with two values, prices and stock.
  await page.goto(`${store}/items/new`);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Category").selectOption({ label: "Tea & spirits" });
  await page.getByRole("button", { name: "Main image" }).setInputFiles({ name: "tea.png", mimeType: "image/png", buffer: await png() });
  await expect(page.getByRole("img", { name: "Main image" })).toBeVisible();
  await page.getByRole("button", { name: "Add a spec" }).click();
  await page.getByRole("combobox", { name: "Spec name" }).fill("Size");
  const values = page.getByRole("textbox", { name: /^Values/ });
  await values.fill("S");
  await values.press("Enter");
  await values.fill("M");
  await values.press("Enter");
  await page.getByRole("textbox", { name: "Price · S", exact: true }).fill("39.90");
  await page.getByRole("textbox", { name: "Initial stock · S" }).fill("5");
  await page.getByRole("textbox", { name: "Price · M", exact: true }).fill("45");
  await page.getByRole("textbox", { name: "Initial stock · M" }).fill("3");
  await page.getByRole("button", { name: "Save and put on sale" }).click();
  await expect(page.getByText("Item created.")).toBeVisible();

  // A new group holding the item.
  await page.goto(`${store}/groups`);
  await page.getByLabel("New group name").fill(groupName);
  await page.getByRole("button", { name: "Add group" }).click();
  await page.getByRole("link", { name: groupName }).click();
  await page.getByRole("button", { name: `Add “${title}”` }).click();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { name: "In this group (1)" })).toBeVisible();

  // The shelf: a "group items" section for the new group, published.
  await page.goto(`${store}/shelf`);
  await page.getByRole("button", { name: /^\+ Group items/ }).click();
  const section = page.getByRole("list", { name: "Sections" }).getByRole("listitem").last();
  await section.getByRole("combobox", { name: "Group" }).selectOption({ label: `${groupName} (1 on sale)` });
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText(/Live: version \d+/)).toBeVisible();
  await expect(page.getByText("The draft matches the live version.")).toBeVisible();

  // A buyer, on a phone, not signed in.
  const phone = await browser.newContext({ ...devices["Pixel 7"], locale: "en-US" });
  const buyer = await phone.newPage();
  await buyer.goto("/s/west-lake-tea");
  await expect(buyer.getByRole("heading", { name: groupName })).toBeVisible();
  await buyer.getByRole("link", { name: new RegExp(title) }).first().click();
  await expect(buyer.getByRole("heading", { name: title })).toBeVisible();
  await expect(buyer.getByText("¥39.90 – 45.00").first()).toBeVisible();
  const options = buyer.getByRole("region", { name: "Options" });
  await options.getByRole("button", { name: "M", exact: true }).click();
  await expect(options.getByRole("button", { name: "M", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(options.getByText("¥45.00")).toBeVisible();
  await expect(options.getByText("3 in stock")).toBeVisible();
  // The quantity stops at the stock.
  for (let i = 0; i < 2; i++) await options.getByRole("button", { name: "More" }).click();
  await expect(options.getByRole("spinbutton", { name: "Quantity" })).toHaveValue("3");
  await expect(options.getByRole("button", { name: "More" })).toBeDisabled();
  await expect(options.getByText("Selected: M × 3")).toBeVisible();
  await phone.close();
});

// Addresses are typed, pasted and fuzzed: a value holding NUL (%00) cannot name any record
// nor match any text, so it finds nothing (a 404 for an id, an empty list for a search)
// rather than a database error turned 500 (lib/db/nul-guard.ts).
test("a seller's pages answer an id or a search holding NUL with not found, not an error", async ({ page }) => {
  await signInWithPassword(page, "tea@littlestore.test");
  const store = await openSellerStore(page, /西湖茶舍/);
  for (const path of [`${store}/items/%00`, `${store}/orders/ab%00c`, `${store}/groups/%00`, `${store}/cases/%00`, "/seller/stores/%00"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
  expect((await page.goto(`${store}/items?q=%E8%8C%B6%00`))?.status()).toBe(200);
  await expect(page.getByRole("searchbox").or(page.getByLabel(/Search/)).first()).toBeVisible();
});
