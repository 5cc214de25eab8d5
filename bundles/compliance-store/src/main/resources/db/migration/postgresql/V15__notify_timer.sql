-- As H2's V15: the lease of the clock's check, and when each ledger amount was first told.
CREATE TABLE IF NOT EXISTS notify_lease (
    task   VARCHAR(64) NOT NULL PRIMARY KEY,
    holder VARCHAR(200) NOT NULL,
    held_until TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

ALTER TABLE notify_ledger_seen ADD COLUMN IF NOT EXISTS seen_at TIMESTAMP(6) WITH TIME ZONE;
