-- A person's budgets by person (SqlitePaymentsRepository::BudgetsOf). The only index on person
-- was budgets_one_open, which holds open budgets only, so reading one person's budgets (and
-- their terms, one-offs and stops, joined to them) read every budget of the council: recording
-- a provider invoice reads the person's budgets twice, and the demo council's 9,000 invoices
-- added 95 seconds to its 20 (with this index, 2).

CREATE INDEX budgets_by_person ON budgets (council_id, person_id);
