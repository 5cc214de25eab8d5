-- H2 hands out identity values from a cache of 32 and, each time the cache runs out, writes the sequence's new
-- position to its metadata and stores it to the file in a commit of its own: a batch of 1,000 facts cost 31 such
-- writes, about a quarter of its time on the request's thread (issue #22, item 7). A larger cache makes it one write per
-- ten batches. The values are handed out in order as before (H2 keeps one cache per sequence, not per session); after a
-- crash the next value may skip up to the cache's size, and nothing reads the numbers as a count.
ALTER TABLE fact ALTER COLUMN seq SET CACHE 10000;
ALTER TABLE activity ALTER COLUMN id SET CACHE 1000;
