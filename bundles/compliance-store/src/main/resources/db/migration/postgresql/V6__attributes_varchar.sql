-- As H2's V6: a fact's attributes and a finding's detail are bounded text.
ALTER TABLE fact ALTER COLUMN attributes TYPE VARCHAR(1000000);
ALTER TABLE finding ALTER COLUMN detail TYPE VARCHAR(1000000);
