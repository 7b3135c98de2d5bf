-- AlterTable
ALTER TABLE "CostEntry" ADD COLUMN     "number" INTEGER;

-- Backfill: number each project's existing costs in the order they were logged.
UPDATE "CostEntry" SET "number" = (
    SELECT COUNT(*) FROM "CostEntry" AS "earlier"
    WHERE "earlier"."projectId" = "CostEntry"."projectId"
      AND ("earlier"."createdAt" < "CostEntry"."createdAt" OR ("earlier"."createdAt" = "CostEntry"."createdAt" AND "earlier"."id" <= "CostEntry"."id"))
);

-- CreateIndex
CREATE UNIQUE INDEX "CostEntry_projectId_number_key" ON "CostEntry"("projectId", "number");
