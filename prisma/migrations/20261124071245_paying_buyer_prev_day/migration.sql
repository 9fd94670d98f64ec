-- AlterTable
ALTER TABLE "StoreDailyBuyer" ADD COLUMN     "prevDay" DATE;

-- CreateIndex
CREATE INDEX "StoreDailyBuyer_storeId_buyerId_day_idx" ON "StoreDailyBuyer"("storeId", "buyerId", "day");

-- CreateIndex
CREATE INDEX "StoreDailyBuyer_storeId_day_prevDay_idx" ON "StoreDailyBuyer"("storeId", "day", "prevDay");
