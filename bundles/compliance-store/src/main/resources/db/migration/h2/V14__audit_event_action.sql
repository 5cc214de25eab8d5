-- The engine reads a contract's audit log to build its working memory, but only the actions its rules read
-- (logins, failed logins, permission grants, downloads: about a quarter of a year's million entries): this index
-- finds those rows without visiting the others.
CREATE INDEX IF NOT EXISTS audit_event_action ON audit_event (contract_id, action, at);
