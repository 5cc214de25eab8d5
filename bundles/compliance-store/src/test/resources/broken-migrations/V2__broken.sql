INSERT INTO items VALUES ('half');
INSERT INTO no_such_table VALUES (1);
