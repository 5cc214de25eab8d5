-- Notifications the clock causes (issue #23): deadlines coming due, the daily digest, support requests whose warning
-- point passes while no fact arrives. One node at a time runs the clock's check: it holds this lease, renewed while
-- it runs; a node that dies lets it lapse at its time. (A notice is written once by its stable message id, unique in
-- notify_outbox since V13.)
CREATE TABLE IF NOT EXISTS notify_lease (
    task   VARCHAR(64) NOT NULL PRIMARY KEY,
    holder VARCHAR(200) NOT NULL,
    held_until TIMESTAMP(9) WITH TIME ZONE NOT NULL
);

-- When each ledger amount was first told, for the daily digest's "new amounts of the past day"; null for the amounts
-- told before this version.
ALTER TABLE notify_ledger_seen ADD COLUMN IF NOT EXISTS seen_at TIMESTAMP(9) WITH TIME ZONE;
