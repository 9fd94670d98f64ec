-- AlterTable
ALTER TABLE "OrderLine" ADD COLUMN     "flashSaleId" TEXT,
ADD COLUMN     "flashSaleSkuId" TEXT,
ADD COLUMN     "listPriceFen" INTEGER;

-- CreateTable
CREATE TABLE "FlashSale" (
    "id" TEXT NOT NULL,
    "storeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "percentOff" INTEGER,
    "perBuyerLimit" INTEGER,
    "stoppedAt" TIMESTAMP(3),
    "startNotifiedAt" TIMESTAMP(3),
    "endNotifiedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FlashSale_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlashSaleSku" (
    "id" TEXT NOT NULL,
    "saleId" TEXT NOT NULL,
    "storeId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "skuId" TEXT NOT NULL,
    "priceFen" INTEGER NOT NULL,
    "quantity" INTEGER,
    "sold" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "FlashSaleSku_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FlashSale_storeId_endsAt_idx" ON "FlashSale"("storeId", "endsAt");

-- CreateIndex
CREATE INDEX "FlashSale_startsAt_idx" ON "FlashSale"("startsAt");

-- CreateIndex
CREATE INDEX "FlashSale_endsAt_idx" ON "FlashSale"("endsAt");

-- CreateIndex
CREATE INDEX "FlashSaleSku_skuId_idx" ON "FlashSaleSku"("skuId");

-- CreateIndex
CREATE UNIQUE INDEX "FlashSaleSku_saleId_skuId_key" ON "FlashSaleSku"("saleId", "skuId");

-- CreateIndex
CREATE INDEX "OrderLine_flashSaleId_idx" ON "OrderLine"("flashSaleId");

-- AddForeignKey
ALTER TABLE "FlashSale" ADD CONSTRAINT "FlashSale_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlashSaleSku" ADD CONSTRAINT "FlashSaleSku_saleId_fkey" FOREIGN KEY ("saleId") REFERENCES "FlashSale"("id") ON DELETE CASCADE ON UPDATE CASCADE;
