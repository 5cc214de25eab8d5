-- As H2's V19: what a clean stop knew of each contract's recorded findings, taken by the next start.
CREATE TABLE IF NOT EXISTS restart_stamp (
    contract_id      VARCHAR(64) NOT NULL PRIMARY KEY,
    rule_set         VARCHAR(64) NOT NULL,
    contract_version INTEGER NOT NULL,
    as_of            DATE NOT NULL,
    facts            BIGINT NOT NULL,
    audit_events     BIGINT NOT NULL,
    stamped_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
