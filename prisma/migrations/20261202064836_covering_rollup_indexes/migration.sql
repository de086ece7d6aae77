-- Covering indexes for the rollups (issue #17): a rollup for a period reads every project's running
-- figure row and the year's annual plans from the index alone (an index-only scan instead of one heap
-- page per project). Prisma's schema cannot say INCLUDE; it sees the key columns only.
DROP INDEX "ProjectPeriodFigure_untilPeriod_period_idx";
CREATE INDEX "ProjectPeriodFigure_untilPeriod_period_idx" ON "ProjectPeriodFigure" ("untilPeriod", "period")
  INCLUDE ("projectId", "year", "periodWan", "yearWan", "cumulativeWan", "yearFundsWan",
    "withSubmittedPeriodWan", "withSubmittedYearWan", "withSubmittedCumulativeWan", "withSubmittedYearFundsWan");

CREATE INDEX "AnnualPlanAmount_year_projectId_idx" ON "AnnualPlanAmount" ("year", "projectId")
  INCLUDE ("amount", "proposedAmount", "proposalStatus");
