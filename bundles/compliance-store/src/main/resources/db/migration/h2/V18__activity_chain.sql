-- The security trail (issue #25 item 3): each activity entry says its result and is chained to the one before, as
-- the evidence is (SM3 over the hash before and the entry's fields). Entries written before stay unchained until the
-- store's first start, which seals them as they stand, in id order.
ALTER TABLE activity ADD COLUMN IF NOT EXISTS result VARCHAR(16) DEFAULT 'success' NOT NULL;
ALTER TABLE activity ADD COLUMN IF NOT EXISTS previous VARCHAR(64);
ALTER TABLE activity ADD COLUMN IF NOT EXISTS entry_hash VARCHAR(64);
UPDATE activity SET result = 'refused' WHERE action = 'login-failed';

-- One row every append updates first: its lock, held until the append's transaction ends, puts the appends of every
-- transaction and node in one line, each reading the entry the one before wrote.
CREATE TABLE IF NOT EXISTS activity_chain (
    id      INT PRIMARY KEY,
    appends BIGINT NOT NULL
);
INSERT INTO activity_chain (id, appends) VALUES (1, 0);

-- The audit administrator's export reads a time range.
CREATE INDEX IF NOT EXISTS activity_at ON activity (at);
