-- As H2's V23: the domain bundles deployed on any node of a cluster, for every node to install. VARBINARY is BYTEA here.
CREATE TABLE IF NOT EXISTS deployed_jar (
    name       VARCHAR(255) NOT NULL PRIMARY KEY,
    digest     VARCHAR(64) NOT NULL,
    content    BYTEA,
    removed    BOOLEAN NOT NULL,
    changed_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    node_id    VARCHAR(200) NOT NULL
);
