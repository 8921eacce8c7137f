package io.vivace.db.eager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.db.Database;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.Keyset;
import io.vivace.db.RowMapper;
import io.vivace.db.Sql;
import io.vivace.db.testing.TestDatabase;
import io.vivace.pagination.CursorPage;
import io.vivace.pagination.CursorRequest;
import io.vivace.pagination.Page;
import io.vivace.pagination.PageRequest;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EagerTest {
  record User(int id, String name) {
  }

  record Profile(int userId, String bio) {
  }

  record Post(int id, Integer authorId, String title) {
  }

  record Comment(int id, int postId, int authorId, String body) {
  }

  record Tag(int id, String name) {
  }

  static final Relation<Post, Comment> COMMENTS = Relation.hasMany(
      "SELECT id, post_id, author_id, body FROM comment WHERE post_id = ANY($1) ORDER BY id",
      r -> new Comment(r.getInteger(0), r.getInteger(1), r.getInteger(2), r.getString(3)), Post::id, Comment::postId);
  static final Relation<Post, User> AUTHOR = Relation.belongsTo("SELECT id, name FROM users WHERE id = ANY($1)",
      r -> new User(r.getInteger(0), r.getString(1)), Post::authorId, User::id);
  static final Relation<Post, Tag> TAGS = Relation.manyToMany(
      "SELECT pt.post_id, t.id, t.name FROM post_tag pt JOIN tag t ON t.id = pt.tag_id WHERE pt.post_id = ANY($1) ORDER BY t.id",
      r -> r.getInteger(0), r -> new Tag(r.getInteger(1), r.getString(2)), Post::id);
  static final Relation<User, Profile> PROFILE = Relation.hasOne("SELECT user_id, bio FROM profile WHERE user_id = ANY($1)",
      r -> new Profile(r.getInteger(0), r.getString(1)), User::id, Profile::userId);
  static final Relation<Comment, User> COMMENT_AUTHOR = Relation.belongsTo("SELECT id, name FROM users WHERE id = ANY($1)",
      r -> new User(r.getInteger(0), r.getString(1)), Comment::authorId, User::id);

  static DatabaseUrl url;
  static TestServer server;
  static Database db;
  static List<Post> posts;

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh();
    App app = Vivace.app(TestServer.options());
    db = Database.attach(app, new DbOptions().url(url).migrations("classpath:db/eagertest"));
    app.get("/posts", Include.of(Map.of("author", AUTHOR, "comments", COMMENTS, "tags", TAGS)), include ->
        db.list("SELECT id, author_id, title FROM post ORDER BY id", Tuple.tuple(), EagerTest::post)
            .compose(ps -> Eager.load(db, ps, include).map(l -> include.size() + " loaded")));
    server = TestServer.started(app);
    posts = join(db.list("SELECT id, author_id, title FROM post ORDER BY id DESC", Tuple.tuple(), EagerTest::post));
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
  }

  static Post post(io.vertx.sqlclient.Row r) {
    return new Post(r.getInteger(0), r.getInteger(1), r.getString(2));
  }

  static <T> T join(Future<T> f) {
    return f.toCompletionStage().toCompletableFuture().join();
  }

  static Post post(int id) {
    return posts.stream().filter(p -> p.id() == id).findFirst().orElseThrow();
  }

  @Test
  void everyKindOfRelationInOneQueryEach() {
    CountingSql counting = new CountingSql(db);
    Loaded<Post> loaded = join(Eager.load(counting, posts, COMMENTS, AUTHOR, TAGS));
    assertEquals(3, counting.queries.get(), "one query per relation, whatever the number of parents");
    assertEquals(List.of(4, 3, 2, 1), loaded.parents().stream().map(Post::id).toList(), "parent order kept");

    assertEquals(List.of("Splendid", "Ship it"), loaded.many(COMMENTS, post(1)).stream().map(Comment::body).toList());
    assertEquals(List.of(), loaded.many(COMMENTS, post(2)), "no children: an empty list, not null");

    assertEquals("Ada", loaded.one(AUTHOR, post(1)).name());
    assertSame(loaded.one(AUTHOR, post(1)), loaded.one(AUTHOR, post(2)), "a shared parent row is read once");
    assertNull(loaded.one(AUTHOR, post(4)), "a null foreign key has no author");

    assertEquals(List.of("history", "computing"), loaded.many(TAGS, post(1)).stream().map(Tag::name).toList());
    assertEquals(List.of("computing"), loaded.many(TAGS, post(3)).stream().map(Tag::name).toList());
    assertEquals(List.of(), loaded.many(TAGS, post(4)));
  }

  @Test
  void hasOne() {
    List<User> users = join(db.list("SELECT id, name FROM users ORDER BY id", Tuple.tuple(), r -> new User(r.getInteger(0), r.getString(1))));
    Loaded<User> loaded = join(Eager.load(db, users, PROFILE));
    assertEquals("Analyst", loaded.one(PROFILE, users.get(0)).bio());
    assertNull(loaded.one(PROFILE, users.get(2)));
  }

  @Test
  void nestedIncludesLoadTheNextLevelFromTheFirst() {
    CountingSql counting = new CountingSql(db);
    Loaded<Post> withComments = join(Eager.load(counting, posts, COMMENTS));
    List<Comment> comments = withComments.all(COMMENTS);
    Loaded<Comment> withAuthors = join(Eager.load(counting, comments, COMMENT_AUTHOR));
    assertEquals(2, counting.queries.get(), "posts -> comments -> authors: one query per level");
    List<String> names = withComments.many(COMMENTS, post(1)).stream()
        .map(c -> withAuthors.one(COMMENT_AUTHOR, c).name()).toList();
    assertEquals(List.of("Grace", "Linus"), names);
  }

  @Test
  void emptyAndHugeKeySets() {
    CountingSql counting = new CountingSql(db);
    assertEquals(List.of(), join(Eager.load(counting, List.<Post>of(), COMMENTS)).parents());
    assertEquals(0, counting.queries.get(), "no parents, no query");
    List<Post> many = new ArrayList<>();
    for (int i = 1; i <= 25_000; i++) {
      many.add(new Post(i, null, "p" + i));
    }
    Loaded<Post> loaded = join(Eager.load(counting, many, COMMENTS));
    assertEquals(3, counting.queries.get(), "25,000 keys in chunks of " + Eager.CHUNK);
    assertEquals(2, loaded.many(COMMENTS, many.get(0)).size());
    assertEquals(List.of(), loaded.many(COMMENTS, many.get(24_999)));
  }

  @Test
  void includeTakesAnAllowList() {
    assertEquals("2 loaded", server.get("/posts?include=author,comments").body());
    assertEquals("0 loaded", server.get("/posts").body());
    HttpResponse<String> bad = server.get("/posts?include=author,secrets");
    assertEquals(400, bad.statusCode());
    Map<String, Object> error = JsonTree.errors(bad.body()).get(0);
    assertEquals("include", error.get("parameter"));
    assertTrue(((String) error.get("detail")).startsWith("has an unknown relation \"secrets\""), error.toString());
  }

  /** The real database, counting the queries it is asked for. */
  static final class CountingSql implements Sql {
    final Sql delegate;
    final AtomicInteger queries = new AtomicInteger();

    CountingSql(Sql delegate) {
      this.delegate = delegate;
    }

    @Override
    public <T> Future<T> one(String sql, Tuple params, RowMapper<T> mapper) {
      queries.incrementAndGet();
      return delegate.one(sql, params, mapper);
    }

    @Override
    public <T> Future<Optional<T>> optional(String sql, Tuple params, RowMapper<T> mapper) {
      queries.incrementAndGet();
      return delegate.optional(sql, params, mapper);
    }

    @Override
    public <T> Future<List<T>> list(String sql, Tuple params, RowMapper<T> mapper) {
      queries.incrementAndGet();
      return delegate.list(sql, params, mapper);
    }

    @Override
    public Future<Integer> execute(String sql, Tuple params) {
      queries.incrementAndGet();
      return delegate.execute(sql, params);
    }

    @Override
    public Future<Integer> batch(String sql, List<Tuple> params) {
      queries.incrementAndGet();
      return delegate.batch(sql, params);
    }

    @Override
    public <T> Future<Page<T>> page(String sql, String countSql, Tuple params, PageRequest page, RowMapper<T> mapper) {
      queries.incrementAndGet();
      return delegate.page(sql, countSql, params, page, mapper);
    }

    @Override
    public <T> Future<CursorPage<T>> keyset(String sql, Tuple params, Keyset<T> keyset, CursorRequest page, RowMapper<T> mapper) {
      queries.incrementAndGet();
      return delegate.keyset(sql, params, keyset, page, mapper);
    }
  }
}
