-- As H2's V17: a contract's facts of one kind by date, for the facts page, the dashboard and the checklists.
CREATE INDEX IF NOT EXISTS fact_kind_date ON fact (contract_id, kind, fact_date DESC, id DESC);
