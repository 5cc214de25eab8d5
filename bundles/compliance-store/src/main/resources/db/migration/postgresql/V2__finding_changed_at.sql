-- As H2's V2: "last seen" becomes "changed at".
ALTER TABLE finding RENAME COLUMN last_seen_at TO changed_at;
