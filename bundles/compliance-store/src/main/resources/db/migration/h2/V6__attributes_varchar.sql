-- A fact's attributes and a finding's detail were CLOBs: H2 streams every CLOB through a reader on
-- insert and read, which made appending a batch of 47,000 PKI facts spend half its time there. Both
-- are bounded text (a fact validator limits each attribute to 2,000 characters), so VARCHAR fits.
ALTER TABLE fact ALTER COLUMN attributes SET DATA TYPE CHARACTER VARYING(1000000);
ALTER TABLE finding ALTER COLUMN detail SET DATA TYPE CHARACTER VARYING(1000000);
