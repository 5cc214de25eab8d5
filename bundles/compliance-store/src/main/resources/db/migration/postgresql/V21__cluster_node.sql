-- As H2's V21: the nodes of a cluster that are alive, each with the address other nodes forward its contracts' requests to.
CREATE TABLE IF NOT EXISTS cluster_node (
    node_id    VARCHAR(200) NOT NULL PRIMARY KEY,
    url        VARCHAR(1000) NOT NULL,
    started_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
