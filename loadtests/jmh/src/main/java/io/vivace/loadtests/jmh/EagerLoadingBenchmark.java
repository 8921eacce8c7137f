package io.vivace.loadtests.jmh;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.config.VivaceOptions;
import io.vivace.db.Database;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.eager.Eager;
import io.vivace.db.eager.Relation;
import io.vivace.db.embedded.impl.EmbeddedPostgres;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Eager loading against a real PostgreSQL, four ways, each loading the parents and their children
 * and returning them grouped: Vivace's {@link Eager#load} (one query per relation), hand-written
 * two-query code (the floor), N+1 (one query per parent, each awaited before the next, as lazy
 * loading does) and one JOIN whose rows the client de-duplicates. Shapes: 50 users with their 500
 * posts; 200 posts with their 1,000 comments; the same 200 posts with their 1 KB bodies (what a
 * blog shows), whose body the JOIN repeats on every comment row.
 *
 * <p>Uses {@code DATABASE_URL} (a database it may create tables in) or an embedded PostgreSQL.
 * Scores are milliseconds per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EagerLoadingBenchmark {
  record User(long id, String name) {
  }

  record Post(long id, long authorId, String title) {
  }

  record Comment(long id, long postId, String body) {
  }

  record Article(long id, long authorId, String title, String body) {
  }

  static final String USERS = "SELECT id, name FROM bench_user WHERE id <= 50 ORDER BY id";
  static final String POSTS200 = "SELECT id, author_id, title FROM bench_post WHERE id <= 200 ORDER BY id";
  static final Relation<User, Post> POSTS = Relation.hasMany(
      "SELECT id, author_id, title FROM bench_post WHERE author_id = ANY($1) ORDER BY id",
      EagerLoadingBenchmark::post, User::id, Post::authorId);
  static final String ARTICLES200 = "SELECT id, author_id, title, body FROM bench_post WHERE id <= 200 ORDER BY id";
  static final Relation<Article, Comment> ARTICLE_COMMENTS = Relation.hasMany(
      "SELECT id, post_id, body FROM bench_comment WHERE post_id = ANY($1) ORDER BY id",
      EagerLoadingBenchmark::comment, Article::id, Comment::postId);
  static final Relation<Post, Comment> COMMENTS = Relation.hasMany(
      "SELECT id, post_id, body FROM bench_comment WHERE post_id = ANY($1) ORDER BY id",
      EagerLoadingBenchmark::comment, Post::id, Comment::postId);

  EmbeddedPostgres embedded;
  App app;
  Database db;

  static User user(Row r) {
    return new User(r.getLong(0), r.getString(1));
  }

  static Post post(Row r) {
    return new Post(r.getLong(0), r.getLong(1), r.getString(2));
  }

  static Article article(Row r) {
    return new Article(r.getLong(0), r.getLong(1), r.getString(2), r.getString(3));
  }

  static Comment comment(Row r) {
    return new Comment(r.getLong(0), r.getLong(1), r.getString(2));
  }

  static <T> T join(Future<T> f) {
    return f.toCompletionStage().toCompletableFuture().join();
  }

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    String env = System.getenv("DATABASE_URL");
    DatabaseUrl url;
    if (env != null && !env.isBlank()) {
      url = DatabaseUrl.parse("DATABASE_URL", env);
    } else {
      embedded = EmbeddedPostgres.start(Files.createTempDirectory("vivace-bench-pg"));
      url = DatabaseUrl.parse("embedded", embedded.url());
    }
    app = Vivace.app(new VivaceOptions().host("127.0.0.1").port(0).eventLoops(1).healthPath(null));
    db = Database.attach(app, new DbOptions().url(url).migrate(false));
    join(app.start());
    for (String ddl : new String[] {
        "DROP TABLE IF EXISTS bench_comment, bench_post, bench_user",
        "CREATE TABLE bench_user (id BIGINT PRIMARY KEY, name TEXT NOT NULL)",
        "CREATE TABLE bench_post (id BIGINT PRIMARY KEY, author_id BIGINT NOT NULL REFERENCES bench_user, title TEXT NOT NULL,"
            + " body TEXT NOT NULL)",
        "CREATE INDEX ON bench_post (author_id)",
        "CREATE TABLE bench_comment (id BIGINT PRIMARY KEY, post_id BIGINT NOT NULL REFERENCES bench_post, body TEXT NOT NULL)",
        "CREATE INDEX ON bench_comment (post_id)",
        "INSERT INTO bench_user SELECT i, 'user ' || i FROM generate_series(1, 1000) i",
        // user u has posts 10(u-1)+1 .. 10u, so users 1..50 have 500 posts
        "INSERT INTO bench_post SELECT i, (i - 1) / 10 + 1, 'post ' || i, repeat(md5(i::text), 32) FROM generate_series(1, 10000) i",
        // post p has comments 5(p-1)+1 .. 5p, so posts 1..200 have 1,000 comments
        "INSERT INTO bench_comment SELECT i, (i - 1) / 5 + 1, 'comment ' || i FROM generate_series(1, 50000) i",
        "ANALYZE"}) {
      join(db.execute(ddl, Tuple.tuple()));
    }
    // Like for like: the four ways must build the same grouping.
    Map<User, List<Post>> posts = usersPosts_handWritten();
    Map<Post, List<Comment>> comments = postsComments_handWritten();
    if (posts.size() != 50 || posts.values().stream().mapToInt(List::size).sum() != 500
        || !posts.equals(usersPosts_vivace()) || !posts.equals(usersPosts_nPlusOne()) || !posts.equals(usersPosts_join())
        || comments.size() != 200 || comments.values().stream().mapToInt(List::size).sum() != 1000
        || !comments.equals(postsComments_vivace()) || !comments.equals(postsComments_nPlusOne())
        || !comments.equals(postsComments_join())
        || !articlesComments_handWritten().equals(articlesComments_vivace())
        || !articlesComments_handWritten().equals(articlesComments_nPlusOne())
        || !articlesComments_handWritten().equals(articlesComments_join())) {
      throw new IllegalStateException("the eager-loading variants disagree");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    join(db.execute("DROP TABLE IF EXISTS bench_comment, bench_post, bench_user", Tuple.tuple()));
    join(app.stop());
    if (embedded != null) {
      embedded.close();
    }
  }

  // ---- 50 users with their 500 posts ----

  @Benchmark
  public Map<User, List<Post>> usersPosts_vivace() {
    return join(db.list(USERS, Tuple.tuple(), EagerLoadingBenchmark::user)
        .compose(users -> Eager.load(db, users, POSTS).map(loaded -> {
          Map<User, List<Post>> out = new LinkedHashMap<>();
          for (User u : users) {
            out.put(u, loaded.many(POSTS, u));
          }
          return out;
        })));
  }

  @Benchmark
  public Map<User, List<Post>> usersPosts_handWritten() {
    return join(db.list(USERS, Tuple.tuple(), EagerLoadingBenchmark::user).compose(users -> {
      Long[] ids = users.stream().map(User::id).toArray(Long[]::new);
      return db.list("SELECT id, author_id, title FROM bench_post WHERE author_id = ANY($1) ORDER BY id", Tuple.of(ids),
          EagerLoadingBenchmark::post).map(posts -> {
            Map<Long, List<Post>> byAuthor = new HashMap<>();
            for (Post p : posts) {
              byAuthor.computeIfAbsent(p.authorId(), k -> new ArrayList<>()).add(p);
            }
            Map<User, List<Post>> out = new LinkedHashMap<>();
            for (User u : users) {
              out.put(u, byAuthor.getOrDefault(u.id(), List.of()));
            }
            return out;
          });
    }));
  }

  @Benchmark
  public Map<User, List<Post>> usersPosts_nPlusOne() {
    List<User> users = join(db.list(USERS, Tuple.tuple(), EagerLoadingBenchmark::user));
    Map<User, List<Post>> out = new LinkedHashMap<>();
    for (User u : users) {
      out.put(u, join(db.list("SELECT id, author_id, title FROM bench_post WHERE author_id = $1 ORDER BY id",
          Tuple.of(u.id()), EagerLoadingBenchmark::post)));
    }
    return out;
  }

  @Benchmark
  public Map<User, List<Post>> usersPosts_join() {
    return join(db.list("SELECT u.id, u.name, p.id, p.author_id, p.title FROM bench_user u"
        + " LEFT JOIN bench_post p ON p.author_id = u.id WHERE u.id <= 50 ORDER BY u.id, p.id", Tuple.tuple(), r -> r)
        .map(rows -> {
          Map<Long, User> users = new LinkedHashMap<>();
          Map<User, List<Post>> out = new LinkedHashMap<>();
          for (Row r : rows) {
            User u = users.computeIfAbsent(r.getLong(0), id -> new User(id, r.getString(1)));
            List<Post> posts = out.computeIfAbsent(u, k -> new ArrayList<>());
            if (r.getValue(2) != null) {
              posts.add(new Post(r.getLong(2), r.getLong(3), r.getString(4)));
            }
          }
          return out;
        }));
  }

  // ---- 200 posts with their 1,000 comments ----

  @Benchmark
  public Map<Post, List<Comment>> postsComments_vivace() {
    return join(db.list(POSTS200, Tuple.tuple(), EagerLoadingBenchmark::post)
        .compose(posts -> Eager.load(db, posts, COMMENTS).map(loaded -> {
          Map<Post, List<Comment>> out = new LinkedHashMap<>();
          for (Post p : posts) {
            out.put(p, loaded.many(COMMENTS, p));
          }
          return out;
        })));
  }

  @Benchmark
  public Map<Post, List<Comment>> postsComments_handWritten() {
    return join(db.list(POSTS200, Tuple.tuple(), EagerLoadingBenchmark::post).compose(posts -> {
      Long[] ids = posts.stream().map(Post::id).toArray(Long[]::new);
      return db.list("SELECT id, post_id, body FROM bench_comment WHERE post_id = ANY($1) ORDER BY id", Tuple.of(ids),
          EagerLoadingBenchmark::comment).map(comments -> {
            Map<Long, List<Comment>> byPost = new HashMap<>();
            for (Comment c : comments) {
              byPost.computeIfAbsent(c.postId(), k -> new ArrayList<>()).add(c);
            }
            Map<Post, List<Comment>> out = new LinkedHashMap<>();
            for (Post p : posts) {
              out.put(p, byPost.getOrDefault(p.id(), List.of()));
            }
            return out;
          });
    }));
  }

  @Benchmark
  public Map<Post, List<Comment>> postsComments_nPlusOne() {
    List<Post> posts = join(db.list(POSTS200, Tuple.tuple(), EagerLoadingBenchmark::post));
    Map<Post, List<Comment>> out = new LinkedHashMap<>();
    for (Post p : posts) {
      out.put(p, join(db.list("SELECT id, post_id, body FROM bench_comment WHERE post_id = $1 ORDER BY id",
          Tuple.of(p.id()), EagerLoadingBenchmark::comment)));
    }
    return out;
  }

  @Benchmark
  public Map<Post, List<Comment>> postsComments_join() {
    return join(db.list("SELECT p.id, p.author_id, p.title, c.id, c.post_id, c.body FROM bench_post p"
        + " LEFT JOIN bench_comment c ON c.post_id = p.id WHERE p.id <= 200 ORDER BY p.id, c.id", Tuple.tuple(), r -> r)
        .map(rows -> {
          Map<Long, Post> posts = new LinkedHashMap<>();
          Map<Post, List<Comment>> out = new LinkedHashMap<>();
          for (Row r : rows) {
            Post p = posts.computeIfAbsent(r.getLong(0), id -> new Post(id, r.getLong(1), r.getString(2)));
            List<Comment> comments = out.computeIfAbsent(p, k -> new ArrayList<>());
            if (r.getValue(3) != null) {
              comments.add(new Comment(r.getLong(3), r.getLong(4), r.getString(5)));
            }
          }
          return out;
        }));
  }

  // ---- 200 posts with their 1 KB bodies and their 1,000 comments ----

  @Benchmark
  public Map<Article, List<Comment>> articlesComments_vivace() {
    return join(db.list(ARTICLES200, Tuple.tuple(), EagerLoadingBenchmark::article)
        .compose(posts -> Eager.load(db, posts, ARTICLE_COMMENTS).map(loaded -> {
          Map<Article, List<Comment>> out = new LinkedHashMap<>();
          for (Article p : posts) {
            out.put(p, loaded.many(ARTICLE_COMMENTS, p));
          }
          return out;
        })));
  }

  @Benchmark
  public Map<Article, List<Comment>> articlesComments_handWritten() {
    return join(db.list(ARTICLES200, Tuple.tuple(), EagerLoadingBenchmark::article).compose(posts -> {
      Long[] ids = posts.stream().map(Article::id).toArray(Long[]::new);
      return db.list("SELECT id, post_id, body FROM bench_comment WHERE post_id = ANY($1) ORDER BY id", Tuple.of(ids),
          EagerLoadingBenchmark::comment).map(comments -> {
            Map<Long, List<Comment>> byPost = new HashMap<>();
            for (Comment c : comments) {
              byPost.computeIfAbsent(c.postId(), k -> new ArrayList<>()).add(c);
            }
            Map<Article, List<Comment>> out = new LinkedHashMap<>();
            for (Article p : posts) {
              out.put(p, byPost.getOrDefault(p.id(), List.of()));
            }
            return out;
          });
    }));
  }

  @Benchmark
  public Map<Article, List<Comment>> articlesComments_nPlusOne() {
    List<Article> posts = join(db.list(ARTICLES200, Tuple.tuple(), EagerLoadingBenchmark::article));
    Map<Article, List<Comment>> out = new LinkedHashMap<>();
    for (Article p : posts) {
      out.put(p, join(db.list("SELECT id, post_id, body FROM bench_comment WHERE post_id = $1 ORDER BY id",
          Tuple.of(p.id()), EagerLoadingBenchmark::comment)));
    }
    return out;
  }

  @Benchmark
  public Map<Article, List<Comment>> articlesComments_join() {
    return join(db.list("SELECT p.id, p.author_id, p.title, p.body, c.id, c.post_id, c.body FROM bench_post p"
        + " LEFT JOIN bench_comment c ON c.post_id = p.id WHERE p.id <= 200 ORDER BY p.id, c.id", Tuple.tuple(), r -> r)
        .map(rows -> {
          Map<Long, Article> posts = new LinkedHashMap<>();
          Map<Article, List<Comment>> out = new LinkedHashMap<>();
          for (Row r : rows) {
            Article p = posts.computeIfAbsent(r.getLong(0), id -> new Article(id, r.getLong(1), r.getString(2), r.getString(3)));
            List<Comment> comments = out.computeIfAbsent(p, k -> new ArrayList<>());
            if (r.getValue(4) != null) {
              comments.add(new Comment(r.getLong(4), r.getLong(5), r.getString(6)));
            }
          }
          return out;
        }));
  }
}
