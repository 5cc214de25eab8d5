-- Logins by SM2 signature (GB/T 39786-2021 身份鉴别): each account's certificate (DER, Base64) with its HMAC-SM3 seal,
-- and the login challenges taken, so that every node of a cluster refuses a challenge used once.
CREATE TABLE IF NOT EXISTS login_certificate (
    user_name     VARCHAR(200) NOT NULL PRIMARY KEY,
    certificate   VARCHAR(16000) NOT NULL,
    registered_at TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    registered_by VARCHAR(200) NOT NULL,
    seal          VARCHAR(200)
);
CREATE TABLE IF NOT EXISTS login_challenge (
    digest     VARCHAR(64) NOT NULL PRIMARY KEY,
    expires_at TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS login_challenge_expires ON login_challenge (expires_at);
