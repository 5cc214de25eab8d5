-- As H2's V22: an HMAC-SM3 seal on each membership and collector token row, and the mark of each table sealed once.
ALTER TABLE membership ADD COLUMN IF NOT EXISTS seal VARCHAR(200);
ALTER TABLE api_token ADD COLUMN IF NOT EXISTS seal VARCHAR(200);
CREATE TABLE IF NOT EXISTS access_seal (
    table_name VARCHAR(64) NOT NULL PRIMARY KEY
);
