-- As H2's V7: the business systems' audit log.
CREATE TABLE IF NOT EXISTS audit_event (
    contract_id VARCHAR NOT NULL,
    id          VARCHAR NOT NULL,
    at          TIMESTAMP(6) NOT NULL,
    user_name   VARCHAR NOT NULL,
    address     VARCHAR,
    action      VARCHAR NOT NULL,
    resource    VARCHAR,
    classified  BOOLEAN NOT NULL,
    request_id  VARCHAR,
    system_name VARCHAR,
    received_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (contract_id, id)
);

CREATE INDEX IF NOT EXISTS audit_event_at ON audit_event (contract_id, at);
CREATE INDEX IF NOT EXISTS audit_event_user ON audit_event (contract_id, user_name, at);
CREATE INDEX IF NOT EXISTS audit_event_address ON audit_event (contract_id, address, at);
CREATE INDEX IF NOT EXISTS audit_event_resource ON audit_event (contract_id, resource, at);
