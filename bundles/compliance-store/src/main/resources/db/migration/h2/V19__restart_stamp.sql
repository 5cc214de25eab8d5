-- What a clean stop knew of each contract's recorded findings (issue #22, item 6): the rule set they were evaluated on
-- (a digest of the engine's build and the domain bundles), the contract's version, the day, and how many facts and
-- audit-log entries the contract had, all of which the evaluation had seen. The next start takes the row (reads and
-- deletes it) and, when all of it is still so, counts the recorded findings as standing on its rule set without
-- evaluating them again first. Not part of the evidence chain: it decides only when a contract is ready, never what
-- its findings are.
CREATE TABLE IF NOT EXISTS restart_stamp (
    contract_id      VARCHAR(64) NOT NULL PRIMARY KEY,
    rule_set         VARCHAR(64) NOT NULL,
    contract_version INTEGER NOT NULL,
    as_of            DATE NOT NULL,
    facts            BIGINT NOT NULL,
    audit_events     BIGINT NOT NULL,
    stamped_at       TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
