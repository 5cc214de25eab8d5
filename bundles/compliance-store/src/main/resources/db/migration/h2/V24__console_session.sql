-- The console's sessions when the product runs as a cluster (issue #26), so that a session opened on one node is
-- honoured by every node behind a load balancer: the SHA-256 of the session id (never the id), who, with which roles,
-- and when it was opened and last used.
CREATE TABLE IF NOT EXISTS console_session (
    id_hash    VARCHAR(64) NOT NULL PRIMARY KEY,
    user_name  VARCHAR(200) NOT NULL,
    roles      VARCHAR(2000) NOT NULL,
    profile    VARCHAR(100),
    csrf       VARCHAR(100) NOT NULL,
    created_at TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    seen_at    TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
