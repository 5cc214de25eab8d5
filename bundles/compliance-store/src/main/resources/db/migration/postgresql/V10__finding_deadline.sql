-- As H2's V10: the last day a finding was judged against, and how it was found.
ALTER TABLE finding ADD COLUMN IF NOT EXISTS deadline DATE;
ALTER TABLE finding ADD COLUMN IF NOT EXISTS deadline_basis VARCHAR;
