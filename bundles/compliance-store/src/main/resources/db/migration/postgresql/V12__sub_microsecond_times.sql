-- As H2's V12: each chained time's remainder below the microsecond, which a store moved from H2 keeps here.
ALTER TABLE contract ADD COLUMN stored_at_ns SMALLINT;
ALTER TABLE fact ADD COLUMN fact_time_ns SMALLINT, ADD COLUMN received_at_ns SMALLINT;
ALTER TABLE finding ADD COLUMN first_seen_at_ns SMALLINT, ADD COLUMN changed_at_ns SMALLINT, ADD COLUMN resolved_at_ns SMALLINT;
ALTER TABLE waiver ADD COLUMN created_at_ns SMALLINT, ADD COLUMN withdrawn_at_ns SMALLINT;
ALTER TABLE audit_event ADD COLUMN received_at_ns SMALLINT;
ALTER TABLE evidence ADD COLUMN recorded_at_ns SMALLINT;
