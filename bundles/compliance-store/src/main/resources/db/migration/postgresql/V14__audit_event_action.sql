-- As H2's V14: the rows of the actions the engine reads, without visiting the others.
CREATE INDEX IF NOT EXISTS audit_event_action ON audit_event (contract_id, action, at);
