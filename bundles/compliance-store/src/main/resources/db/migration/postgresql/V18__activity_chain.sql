-- As H2's V18: each activity entry's result and its place in the trail's SM3 chain; the chain's lock row; the
-- export's index on time.
ALTER TABLE activity ADD COLUMN IF NOT EXISTS result VARCHAR(16) NOT NULL DEFAULT 'success';
ALTER TABLE activity ADD COLUMN IF NOT EXISTS previous VARCHAR(64);
ALTER TABLE activity ADD COLUMN IF NOT EXISTS entry_hash VARCHAR(64);
UPDATE activity SET result = 'refused' WHERE action = 'login-failed';

CREATE TABLE IF NOT EXISTS activity_chain (
    id      INT PRIMARY KEY,
    appends BIGINT NOT NULL
);
INSERT INTO activity_chain (id, appends) VALUES (1, 0);

CREATE INDEX IF NOT EXISTS activity_at ON activity (at);
