-- CreateEnum
CREATE TYPE "ReconKind" AS ENUM ('MISSING_IN_BILL', 'MISSING_IN_BOOKS', 'AMOUNT_MISMATCH', 'STATE_MISMATCH');

-- CreateTable
CREATE TABLE "SandboxPayBill" (
    "token" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "billDate" TEXT NOT NULL,
    "subMchid" TEXT NOT NULL DEFAULT '',
    "content" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SandboxPayBill_pkey" PRIMARY KEY ("token")
);

-- CreateTable
CREATE TABLE "ReconRun" (
    "billDate" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "billLines" INTEGER NOT NULL DEFAULT 0,
    "matched" INTEGER NOT NULL DEFAULT 0,
    "discrepancies" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ReconRun_pkey" PRIMARY KEY ("billDate")
);

-- CreateTable
CREATE TABLE "ReconDiscrepancy" (
    "id" TEXT NOT NULL,
    "billDate" TEXT NOT NULL,
    "kind" "ReconKind" NOT NULL,
    "subject" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "orderId" TEXT,
    "storeId" TEXT,
    "ours" JSONB,
    "theirs" JSONB,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReconDiscrepancy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SandboxPayBill_createdAt_idx" ON "SandboxPayBill"("createdAt");

-- CreateIndex
CREATE INDEX "ReconDiscrepancy_resolvedAt_createdAt_idx" ON "ReconDiscrepancy"("resolvedAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReconDiscrepancy_billDate_subject_ref_kind_key" ON "ReconDiscrepancy"("billDate", "subject", "ref", "kind");
