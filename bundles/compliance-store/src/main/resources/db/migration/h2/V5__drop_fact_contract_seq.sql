-- Every fact insert maintained three indexes; (contract_id, seq) served only the start-up read of a
-- contract's facts in order, which the primary key order gives as well. Dropping it makes each
-- batch of 1,000 facts about a quarter cheaper to append.
DROP INDEX IF EXISTS fact_contract_seq;
