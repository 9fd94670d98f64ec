-- AlterTable
ALTER TABLE "SandboxPayRefund" ADD COLUMN     "fromAvailableFen" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "SandboxPaySubMerchant" ADD COLUMN     "withdrawnFen" INTEGER NOT NULL DEFAULT 0;
