-- The last day a finding was judged against (a contract period counted as the civil code counts it, or the end
-- of a reporting period) and how it was found, in Chinese. Findings without a deadline keep NULL.
ALTER TABLE finding ADD COLUMN IF NOT EXISTS deadline DATE;
ALTER TABLE finding ADD COLUMN IF NOT EXISTS deadline_basis VARCHAR;
