-- As H2's V9: the evidence chain. VARBINARY is BYTEA here.
CREATE TABLE IF NOT EXISTS evidence (
    contract_id    VARCHAR NOT NULL,
    position       BIGINT NOT NULL,
    kind           VARCHAR(16) NOT NULL,
    ref            VARCHAR NOT NULL,
    algorithm      VARCHAR(16) NOT NULL,
    content_digest VARCHAR(128) NOT NULL,
    row_digests    BYTEA,
    previous       VARCHAR(128) NOT NULL,
    entry_hash     VARCHAR(128) NOT NULL,
    recorded_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (contract_id, position)
);

ALTER TABLE audit_event ADD COLUMN IF NOT EXISTS evidence_position BIGINT;

CREATE INDEX IF NOT EXISTS evidence_ref ON evidence (contract_id, kind, ref);
