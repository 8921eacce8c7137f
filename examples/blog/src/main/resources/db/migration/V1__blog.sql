-- The blog's schema. Seed data is not a migration: start the app with BLOG_SEED=true (see Seed).
CREATE TABLE users (
  id         bigserial PRIMARY KEY,
  email      text NOT NULL UNIQUE,
  name       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE posts (
  id         bigserial PRIMARY KEY,
  author_id  bigint NOT NULL REFERENCES users,
  title      text NOT NULL,
  body       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX posts_author_id ON posts (author_id);
-- The feed's keyset: (created_at, id) descending is one backward range scan of this index.
CREATE INDEX posts_created_at_id ON posts (created_at, id);

CREATE TABLE comments (
  id         bigserial PRIMARY KEY,
  post_id    bigint NOT NULL REFERENCES posts ON DELETE CASCADE,
  author_id  bigint NOT NULL REFERENCES users,
  body       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comments_post_id ON comments (post_id);

CREATE TABLE tags (
  id   serial PRIMARY KEY,
  name text NOT NULL UNIQUE
);

CREATE TABLE post_tags (
  post_id bigint REFERENCES posts ON DELETE CASCADE,
  tag_id  int REFERENCES tags,
  PRIMARY KEY (post_id, tag_id)
);
