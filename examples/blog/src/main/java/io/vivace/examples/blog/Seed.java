package io.vivace.examples.blog;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vivace.App;
import io.vivace.config.Config;
import io.vivace.db.Database;
import io.vivace.db.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deterministic demo data, written by a few set-based {@code INSERT ... SELECT FROM
 * generate_series} statements in one transaction, only when the {@code users} table is empty.
 * Every value derives from the row's number (modular arithmetic, {@code md5(i::text)}), so two
 * seeded databases are equal. About two tags per post (one, two or three, in turn); post times
 * come in pairs, so the feed's tie-breaking id matters.
 *
 * <p>Environment: {@code BLOG_SEED=true} turns it on; {@code BLOG_SEED_USERS} (1,000),
 * {@code BLOG_SEED_POSTS} (20,000) and {@code BLOG_SEED_COMMENTS} (100,000) size it; there are
 * always {@value #TAGS} tags.
 */
public record Seed(int users, int posts, int comments) {
  /** The number of tags. */
  public static final int TAGS = 20;

  private static final Logger LOG = LoggerFactory.getLogger(Seed.class);
  private static final String TAG_NAMES = "ARRAY['java','postgres','vertx','netty','http','json','sql','performance',"
      + "'testing','security','linux','docker','kotlin','graalvm','jvm','reactive','rest','cache','streams','tips']";
  private static final String EPOCH = "timestamptz '2024-01-01 00:00:00+00'";

  private static final String USERS = "INSERT INTO users (id, email, name, created_at)"
      + " SELECT i, 'user' || i || '@example.com', 'User ' || i, " + EPOCH + " + i * interval '1 minute'"
      + " FROM generate_series(1, $1::int) AS i";
  private static final String TAG_ROWS = "INSERT INTO tags (name) SELECT unnest(" + TAG_NAMES + ")"
      + " ON CONFLICT (name) DO NOTHING";
  private static final String POSTS = "INSERT INTO posts (id, author_id, title, body, created_at)"
      + " SELECT i, 1 + (i * 13) % $2::int, 'Post ' || i || ': ' || left(md5(i::text), 10),"
      + " 'Post number ' || i || '. ' || md5(i::text) || ' ' || md5((i * 31)::text),"
      + " " + EPOCH + " + ((i * 37) % $1::int / 2) * interval '10 minutes'"
      + " FROM generate_series(1, $1::int) AS i";
  private static final String COMMENTS = "INSERT INTO comments (id, post_id, author_id, body, created_at)"
      + " SELECT c, 1 + (c * 7) % $2::int, 1 + (c * 11 + c / $2::int) % $3::int, 'Comment ' || c || ': ' || left(md5(c::text), 16),"
      + " " + EPOCH + " + c * interval '1 second'"
      + " FROM generate_series(1, $1::int) AS c";
  private static final String POST_TAGS = "INSERT INTO post_tags (post_id, tag_id)"
      + " SELECT p, t.id FROM generate_series(1, $1::int) AS p, generate_series(0, 2) AS j, tags t"
      + " WHERE j < 1 + p % 3 AND t.name = (" + TAG_NAMES + ")[1 + (p * 3 + j * 7) % " + TAGS + "]"
      + " ON CONFLICT DO NOTHING";
  private static final String SEQUENCES = "SELECT"
      + " setval(pg_get_serial_sequence('users', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM users), false),"
      + " setval(pg_get_serial_sequence('posts', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM posts), false),"
      + " setval(pg_get_serial_sequence('comments', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM comments), false)";

  /** Checks the sizes: posts need users, comments need posts. */
  public Seed {
    if (users < 0 || posts < 0 || comments < 0 || (posts > 0 && users == 0) || (comments > 0 && posts == 0)) {
      throw new IllegalArgumentException("seed sizes must be >= 0, posts need users and comments need posts;"
          + " got " + users + " users, " + posts + " posts, " + comments + " comments");
    }
  }

  /** The full demo size: 1,000 users, 20,000 posts, 100,000 comments. */
  public static Seed standard() {
    return new Seed(1_000, 20_000, 100_000);
  }

  /** The seed the environment asks for, or null without {@code BLOG_SEED=true}. */
  public static Seed fromEnvironment(Config config) {
    if (!config.bool("BLOG_SEED", false)) {
      return null;
    }
    Seed d = standard();
    return new Seed(config.integer("BLOG_SEED_USERS", d.users(), 1, 10_000_000),
        config.integer("BLOG_SEED_POSTS", d.posts(), 0, 10_000_000),
        config.integer("BLOG_SEED_COMMENTS", d.comments(), 0, 100_000_000));
  }

  /**
   * Adds a start hook, after the database's (so after the migrations), that seeds an empty
   * database with {@code seed}, or with what the environment asks for when it is null (read in
   * the app's validation phase: a bad value stops startup, before the database starts, like any
   * other setting).
   */
  public static void onStart(App app, Database db, Seed seed) {
    java.util.concurrent.atomic.AtomicReference<Seed> chosen = new java.util.concurrent.atomic.AtomicReference<>(seed);
    if (seed == null) {
      app.onValidate(config -> chosen.set(fromEnvironment(config)));
    }
    app.onStart(vertx -> chosen.get() == null ? Future.succeededFuture() : chosen.get().run(db));
  }

  /** Seeds the database when {@code users} is empty; true when it did. */
  public Future<Boolean> run(Database db) {
    long t0 = System.nanoTime();
    return db.inTransaction(tx -> tx.execute("LOCK TABLE users IN EXCLUSIVE MODE", Tuple.tuple())
        .compose(locked -> tx.one("SELECT EXISTS (SELECT 1 FROM users)", Tuple.tuple(), r -> r.getBoolean(0)))
        .compose(hasUsers -> hasUsers ? Future.succeededFuture(false) : insert(tx).map(true)))
        .onSuccess(seeded -> LOG.info(seeded
            ? String.format("Seeded %,d users, %,d posts, %,d comments, %d tags in %d ms", users, posts, comments,
                TAGS, (System.nanoTime() - t0) / 1_000_000)
            : "Not seeding: the database already has users"));
  }

  private Future<Void> insert(Sql tx) {
    Future<?> done = tx.execute(USERS, Tuple.of(users)).compose(n -> tx.execute(TAG_ROWS, Tuple.tuple()));
    if (posts > 0) {
      done = done.compose(n -> tx.execute(POSTS, Tuple.of(posts, users)))
          .compose(n -> tx.execute(POST_TAGS, Tuple.of(posts)));
    }
    if (comments > 0) {
      done = done.compose(n -> tx.execute(COMMENTS, Tuple.of(comments, posts, users)));
    }
    return done.compose(n -> tx.execute(SEQUENCES, Tuple.tuple())).mapEmpty();
  }
}
