-- A contract's facts of one kind by date (issue #22, item 5): the facts page (newest first, of one kind), the
-- dashboard's and the checklists' reads of a kind over a range of days. Without it each of them reads every fact of
-- the contract through its unique (contract_id, id) index and sorts them, which is what made a facts page of the demo
-- year take seconds under load.
CREATE INDEX IF NOT EXISTS fact_kind_date ON fact (contract_id, kind, fact_date DESC, id DESC);
