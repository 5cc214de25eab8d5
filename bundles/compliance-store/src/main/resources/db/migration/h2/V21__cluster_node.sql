-- The nodes of a cluster that are alive (issue #26): each renews its row while it runs, with the address other nodes
-- forward its contracts' requests to; a row whose time ran out is a node gone. Contracts are shared out among these.
CREATE TABLE IF NOT EXISTS cluster_node (
    node_id    VARCHAR(200) NOT NULL PRIMARY KEY,
    url        VARCHAR(1000) NOT NULL,
    started_at TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
