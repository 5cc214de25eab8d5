-- The evidence chain (issue #9): one entry per fact batch, audit batch, finding change, waiver
-- change, contract definition and issued report, each holding the digest of what it covers and the
-- hash of the entry before it (SM3 or SHA-256, named per entry). Append-only: entries are inserted,
-- never updated or deleted. A batch entry keeps a 16-byte digest per row, so verification names the
-- row that changed, not only the batch.
CREATE TABLE IF NOT EXISTS evidence (
    contract_id    VARCHAR NOT NULL,
    position       BIGINT NOT NULL,
    kind           VARCHAR(16) NOT NULL,
    ref            VARCHAR NOT NULL,
    algorithm      VARCHAR(16) NOT NULL,
    content_digest VARCHAR(128) NOT NULL,
    row_digests    VARBINARY,
    previous       VARCHAR(128) NOT NULL,
    entry_hash     VARCHAR(128) NOT NULL,
    recorded_at    TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (contract_id, position)
);

-- Audit-log rows have no batch of their own: each carries the position of the entry that covers it.
ALTER TABLE audit_event ADD COLUMN IF NOT EXISTS evidence_position BIGINT;

-- An issued report is looked up by id and digest before it is recorded again (reports are regenerated).
CREATE INDEX IF NOT EXISTS evidence_ref ON evidence (contract_id, kind, ref);
