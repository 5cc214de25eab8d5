-- How many missed occurrences a finding stands for (the days of a month without a daily check), for
-- the quarterly assessment's counts. Existing findings stand for one.
ALTER TABLE finding ADD COLUMN IF NOT EXISTS occurrences INT DEFAULT 1 NOT NULL;

