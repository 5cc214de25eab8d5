-- Which node of a cluster owns each contract (issue #26): a lease with an epoch, the fencing token every write of the
-- contract checks in its own transaction. Kept after a release (lapsed at once), so that the next holder's epoch
-- follows the last one.
CREATE TABLE IF NOT EXISTS contract_lease (
    contract_id VARCHAR(64) NOT NULL PRIMARY KEY,
    node_id     VARCHAR(200) NOT NULL,
    epoch       BIGINT NOT NULL,
    expires_at  TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
