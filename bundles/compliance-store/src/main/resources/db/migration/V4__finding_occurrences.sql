-- How many missed occurrences a finding stands for (the days of a month without a daily check), for
-- the quarterly assessment's counts. Existing findings stand for one.
ALTER TABLE finding ADD COLUMN IF NOT EXISTS occurrences INT DEFAULT 1 NOT NULL;

-- The facts of one kind in a date range (the assessment's support requests and verdicts).
CREATE INDEX IF NOT EXISTS fact_contract_kind_date ON fact (contract_id, kind, fact_date);
