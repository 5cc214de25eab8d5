INSERT INTO steps (step)
    VALUES ('V10');
