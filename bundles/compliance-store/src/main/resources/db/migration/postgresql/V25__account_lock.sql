-- As H2's V25: failed logins and account locks, shared by the nodes of a cluster and kept over a restart.
CREATE TABLE IF NOT EXISTS login_failure (
    user_name VARCHAR(200) NOT NULL,
    failed_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failure_user ON login_failure (user_name, failed_at);
CREATE INDEX IF NOT EXISTS login_failure_at ON login_failure (failed_at);
CREATE TABLE IF NOT EXISTS account_lock (
    user_name    VARCHAR(200) NOT NULL PRIMARY KEY,
    locked_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    locked_until TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    failures     INT NOT NULL,
    address      VARCHAR(200)
);
