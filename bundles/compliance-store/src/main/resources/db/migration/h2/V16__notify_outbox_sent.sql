-- The outbox's purge (issue #23): sent messages are deleted once older than the configured age, the oldest first,
-- in small batches; this index finds them without reading the messages still waiting.
CREATE INDEX IF NOT EXISTS notify_outbox_sent ON notify_outbox (sent_at);
