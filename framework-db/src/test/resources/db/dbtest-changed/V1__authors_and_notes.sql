CREATE TABLE author (
  id   SERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE note (
  id        SERIAL PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES author (id),
  title     TEXT NOT NULL CHECK (length(title) > 0)
);
CREATE INDEX note_author_id ON note (author_id);

INSERT INTO author (name) VALUES ('Ada'), ('Grace');

INSERT INTO author (name) VALUES ('Edited after it ran');
