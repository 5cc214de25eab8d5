-- Failed logins and the account locks they make (GB/T 22239-2019 8.1.4.1 b), shared by the nodes of a cluster and
-- kept over a restart: one row per failed login within the window, one per locked account.
CREATE TABLE IF NOT EXISTS login_failure (
    user_name VARCHAR(200) NOT NULL,
    failed_at TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failure_user ON login_failure (user_name, failed_at);
CREATE INDEX IF NOT EXISTS login_failure_at ON login_failure (failed_at);
CREATE TABLE IF NOT EXISTS account_lock (
    user_name    VARCHAR(200) NOT NULL PRIMARY KEY,
    locked_at    TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    locked_until TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    failures     INT NOT NULL,
    address      VARCHAR(200)
);
