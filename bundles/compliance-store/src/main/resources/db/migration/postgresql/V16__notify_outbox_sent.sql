-- As H2's V16: the purge finds the sent messages by their sending time.
CREATE INDEX IF NOT EXISTS notify_outbox_sent ON notify_outbox (sent_at);
