-- The domain bundles deployed on any node of a cluster (issue #26), for every node to install: the jar as deployed,
-- its SHA-256, and a removal kept as a row without content, so that a node that was down learns of it too.
CREATE TABLE IF NOT EXISTS deployed_jar (
    name       VARCHAR(255) NOT NULL PRIMARY KEY,
    digest     VARCHAR(64) NOT NULL,
    content    VARBINARY,
    removed    BOOLEAN NOT NULL,
    changed_at TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    node_id    VARCHAR(200) NOT NULL
);
