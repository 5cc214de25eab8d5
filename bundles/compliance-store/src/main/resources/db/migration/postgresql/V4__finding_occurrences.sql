-- As H2's V4: how many missed occurrences a finding stands for.
ALTER TABLE finding ADD COLUMN IF NOT EXISTS occurrences INT DEFAULT 1 NOT NULL;
