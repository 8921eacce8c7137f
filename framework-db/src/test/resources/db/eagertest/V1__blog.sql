CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE profile (user_id INTEGER PRIMARY KEY REFERENCES users (id), bio TEXT NOT NULL);
CREATE TABLE post (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES users (id), title TEXT NOT NULL);
CREATE TABLE comment (
  id INTEGER PRIMARY KEY,
  post_id INTEGER NOT NULL REFERENCES post (id),
  author_id INTEGER NOT NULL REFERENCES users (id),
  body TEXT NOT NULL
);
CREATE INDEX comment_post_id ON comment (post_id);
CREATE TABLE tag (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE post_tag (post_id INTEGER REFERENCES post (id), tag_id INTEGER REFERENCES tag (id), PRIMARY KEY (post_id, tag_id));

INSERT INTO users VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Linus');
INSERT INTO profile VALUES (1, 'Analyst'), (2, 'Admiral');
INSERT INTO post VALUES (1, 1, 'Engines'), (2, 1, 'Notes'), (3, 2, 'Compilers'), (4, NULL, 'Anonymous');
INSERT INTO comment VALUES (1, 1, 2, 'Splendid'), (2, 1, 3, 'Ship it'), (3, 3, 1, 'Agreed');
INSERT INTO tag VALUES (1, 'history'), (2, 'computing');
INSERT INTO post_tag VALUES (1, 1), (1, 2), (3, 2);
