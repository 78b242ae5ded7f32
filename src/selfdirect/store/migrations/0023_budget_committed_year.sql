-- The financial year a budget's commitment was last made for (its start year: 2027 for 2027-28);
-- 0 for budgets made before this column, which counts as the year the budget started. The first
-- payment run of a new financial year commits that year for every budget still in payment whose
-- committed year is earlier, and moves this on, in one transaction.
ALTER TABLE budgets ADD COLUMN committed_year INTEGER NOT NULL DEFAULT 0;
