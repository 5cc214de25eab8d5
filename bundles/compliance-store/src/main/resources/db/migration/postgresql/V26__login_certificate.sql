-- As H2's V26: each account's SM2 login certificate with its seal, and the login challenges taken.
CREATE TABLE IF NOT EXISTS login_certificate (
    user_name     VARCHAR(200) NOT NULL PRIMARY KEY,
    certificate   VARCHAR(16000) NOT NULL,
    registered_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    registered_by VARCHAR(200) NOT NULL,
    seal          VARCHAR(200)
);
CREATE TABLE IF NOT EXISTS login_challenge (
    digest     VARCHAR(64) NOT NULL PRIMARY KEY,
    expires_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS login_challenge_expires ON login_challenge (expires_at);
