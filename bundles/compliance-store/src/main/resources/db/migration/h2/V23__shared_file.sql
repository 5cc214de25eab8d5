-- The files every node of a cluster keeps the same (issue #26): the domain bundles of deploy/, the product's
-- configuration and users of etc/. Each by its path under the Karaf base: its SHA-256, its content (the files of etc/
-- SM4-encrypted), and a removal kept as a row without content, so that a node that was down learns of it too.
CREATE TABLE IF NOT EXISTS shared_file (
    path       VARCHAR(255) NOT NULL PRIMARY KEY,
    digest     VARCHAR(64) NOT NULL,
    content    VARBINARY,
    removed    BOOLEAN NOT NULL,
    changed_at TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    node_id    VARCHAR(200) NOT NULL
);
