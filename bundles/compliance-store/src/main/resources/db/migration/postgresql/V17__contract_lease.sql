-- As H2's V17: which node of a cluster owns each contract, with the epoch every write of the contract checks.
CREATE TABLE IF NOT EXISTS contract_lease (
    contract_id VARCHAR(64) NOT NULL PRIMARY KEY,
    node_id     VARCHAR(200) NOT NULL,
    epoch       BIGINT NOT NULL,
    expires_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
