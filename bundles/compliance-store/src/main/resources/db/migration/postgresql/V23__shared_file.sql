-- As H2's V23: the files every node of a cluster keeps the same. VARBINARY is BYTEA here.
CREATE TABLE IF NOT EXISTS shared_file (
    path       VARCHAR(255) NOT NULL PRIMARY KEY,
    digest     VARCHAR(64) NOT NULL,
    content    BYTEA,
    removed    BOOLEAN NOT NULL,
    changed_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    node_id    VARCHAR(200) NOT NULL
);
