-- A finding row is now written only when it changes (content, severity, rule bundle or status), not
-- on every evaluation in which it is still produced: "last seen" becomes "changed at".
ALTER TABLE finding ALTER COLUMN IF EXISTS last_seen_at RENAME TO changed_at;
