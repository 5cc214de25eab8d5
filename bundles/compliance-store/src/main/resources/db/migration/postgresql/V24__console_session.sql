-- As H2's V24: the console's sessions of a cluster, by the SHA-256 of their ids.
CREATE TABLE IF NOT EXISTS console_session (
    id_hash    VARCHAR(64) NOT NULL PRIMARY KEY,
    user_name  VARCHAR(200) NOT NULL,
    roles      VARCHAR(2000) NOT NULL,
    profile    VARCHAR(100),
    csrf       VARCHAR(100) NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    seen_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
