INSERT INTO steps (step) VALUES ('V2');
