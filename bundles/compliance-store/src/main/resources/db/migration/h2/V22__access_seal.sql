-- The integrity of the access-control rows (GB/T 39786-2021 访问控制信息完整性): each membership and collector token
-- carries an HMAC-SM3 of what it grants, under a key kept outside the database (AccessSeals); a table's mark says its
-- rows stored before were sealed once, so that from then on a row without a seal is one written around the product.
ALTER TABLE membership ADD COLUMN IF NOT EXISTS seal VARCHAR(200);
ALTER TABLE api_token ADD COLUMN IF NOT EXISTS seal VARCHAR(200);
CREATE TABLE IF NOT EXISTS access_seal (
    table_name VARCHAR(64) NOT NULL PRIMARY KEY
);
