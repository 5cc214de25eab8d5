-- Moving a store to PostgreSQL (issue #22 item 3). Each time the evidence chain digests gets a remainder
-- column: the nanoseconds below the microsecond (1 to 999; NULL for none). Stores written before the store
-- kept microseconds hold nanosecond times, which H2 keeps in the TIMESTAMP(9) itself and PostgreSQL cannot
-- keep. The store now writes each such time as its microsecond plus this remainder and reads it back as their
-- sum, so a copied row gives the exact instant its chain entry digested, on either database. Rows already
-- here are not rewritten: their remainder is NULL and their timestamp still holds every nanosecond.
ALTER TABLE contract ADD COLUMN stored_at_ns SMALLINT;
ALTER TABLE fact ADD COLUMN (fact_time_ns SMALLINT, received_at_ns SMALLINT);
ALTER TABLE finding ADD COLUMN (first_seen_at_ns SMALLINT, changed_at_ns SMALLINT, resolved_at_ns SMALLINT);
ALTER TABLE waiver ADD COLUMN (created_at_ns SMALLINT, withdrawn_at_ns SMALLINT);
ALTER TABLE audit_event ADD COLUMN received_at_ns SMALLINT;
ALTER TABLE evidence ADD COLUMN recorded_at_ns SMALLINT;
