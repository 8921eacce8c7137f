package io.vivace.examples.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.auth.AuthOptions;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The write endpoints: create, update, delete with bearer tokens from the auth module, ownership
 * (403) and the admin role, their validation and database errors as problems.
 */
class BlogWritesTest {
  /** Test authentication: a fixed secret and a small Argon2id cost (the code path is the same). */
  static final AuthOptions AUTH = new AuthOptions().secret("blog-test-secret-0123456789abcdef0123456789").argon2(1024, 1, 1);

  static TestServer server;
  static DatabaseUrl url;
  static String writer;
  static String other;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    url = TestDatabase.fresh();
    server = TestServer.started(BlogApp.create(TestServer.options(), new DbOptions().url(url), new Seed(3, 5, 10), AUTH));
    writer = token("writer@example.com");
    other = token("other@example.com");
    signup("boss@example.com");
    Jdbc.update(url, "UPDATE vivace_auth.accounts SET roles = '{admin}' WHERE email = 'boss@example.com'");
    admin = login("boss@example.com");
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
  }

  static HttpResponse<String> signup(String email) {
    HttpResponse<String> r = server.postJson("/auth/signup", "{\"email\":\"" + email + "\",\"password\":\"a long password\"}");
    assertStatus(201, r);
    return r;
  }

  static String login(String email) {
    HttpResponse<String> r = server.postJson("/auth/login", "{\"email\":\"" + email + "\",\"password\":\"a long password\"}");
    assertStatus(200, r);
    return (String) JsonTree.object(r.body()).get("accessToken");
  }

  static String token(String email) {
    signup(email);
    return login(email);
  }

  /** {@code method path} with {@code json} as {@code token}'s user (null: no Authorization header). */
  static HttpResponse<String> send(String method, String path, String json, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return server.send(b);
  }

  static HttpResponse<String> send(String method, String path, String json) {
    return send(method, path, json, writer);
  }

  static List<Object> pointers(HttpResponse<String> r) {
    return JsonTree.errors(r.body()).stream().map(e -> e.get("pointer")).toList();
  }

  static void assertStatus(int status, HttpResponse<String> r) {
    assertEquals(status, r.statusCode(), r.body());
    if (status >= 400) {
      assertEquals("application/problem+json", r.headers().firstValue("content-type").orElse(""));
    }
  }

  static long blogUserOf(String email) throws Exception {
    return (Long) Jdbc.row(url, "SELECT id FROM users WHERE email = '" + email + "'").get(0);
  }

  @Test
  void createReadAndFindANewPostFirstInTheFeed() throws Exception {
    HttpResponse<String> created = send("POST", "/posts", "{\"title\":\"Hello\",\"body\":\"First!\"}");
    assertStatus(201, created);
    Map<String, Object> post = JsonTree.object(created.body());
    assertEquals("/posts/" + post.get("id"), created.headers().firstValue("location").orElseThrow());
    long author = blogUserOf("writer@example.com");
    assertEquals(author, post.get("authorId"), "the author is the token's user");
    assertTrue(((String) post.get("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT.+"), post.toString());
    for (String relation : new String[] {"author", "comments", "tags"}) {
      assertTrue(post.containsKey(relation) && post.get(relation) == null, "not included: null, as in a get: " + post);
    }
    HttpResponse<String> updated = send("PUT", "/posts/" + post.get("id"), "{\"title\":\"Hello again\",\"body\":\"Edited\"}");
    assertStatus(200, updated);
    Map<String, Object> after = JsonTree.object(updated.body());
    assertEquals("Hello again", after.get("title"));
    for (String relation : new String[] {"author", "comments", "tags"}) {
      assertTrue(after.containsKey(relation) && after.get(relation) == null, "not included: null, as in a get: " + after);
    }
    HttpResponse<String> misspelt = send("POST", "/posts", "{\"title\":\"Hello\",\"body\":\"x\",\"titel\":\"typo\"}");
    assertStatus(422, misspelt);
    assertTrue(misspelt.body().contains("\"pointer\":\"#/titel\"") && misspelt.body().contains("is not a known member"),
        misspelt.body());

    Map<String, Object> read = JsonTree.object(server.get("/posts/" + post.get("id") + "?include=comments,author").body());
    assertEquals("Hello again", read.get("title"));
    assertTrue(read.containsKey("tags") && read.get("tags") == null, "not asked for: null");
    assertEquals(List.of(), read.get("comments"), "a post without comments has an empty list");
    assertEquals(Map.of("id", author, "name", "writer"), read.get("author"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> feed = (List<Map<String, Object>>) JsonTree.object(server.get("/posts/feed?limit=1").body()).get("items");
    assertEquals(post.get("id"), feed.get(0).get("id"), "newest first");
  }

  @Test
  void writesNeedAValidToken() {
    String json = "{\"title\":\"a\",\"body\":\"b\"}";
    for (String[] call : new String[][] {{"POST", "/posts"}, {"PUT", "/posts/1"}, {"DELETE", "/posts/1"}}) {
      HttpResponse<String> none = send(call[0], call[1], call[0].equals("DELETE") ? null : json, null);
      assertStatus(401, none);
      assertEquals("Bearer", none.headers().firstValue("www-authenticate").orElseThrow());
      HttpResponse<String> bad = send(call[0], call[1], call[0].equals("DELETE") ? null : json, writer + "x");
      assertStatus(401, bad);
      assertEquals("Bearer error=\"invalid_token\"", bad.headers().firstValue("www-authenticate").orElseThrow());
    }
    assertEquals(200, server.get("/posts/1").statusCode(), "reads stay open");
    // the writes group's guard runs before the route's extractors: no token is a 401, not a 400 about the id or body
    assertStatus(401, send("PUT", "/posts/one", "{\"title\":1,", null));
    assertStatus(401, send("POST", "/posts", "not json", null));
  }

  @Test
  void invalidPostsListEveryError() {
    HttpResponse<String> r = send("POST", "/posts", "{\"title\":\"\",\"body\":\"\"}");
    assertStatus(422, r);
    assertEquals(List.of("#/title", "#/title", "#/body", "#/body"), pointers(r));
    String tooLong = "{\"title\":\"" + "t".repeat(201) + "\",\"body\":\"" + "b".repeat(20_001) + "\"}";
    assertEquals(List.of("#/title", "#/body"), pointers(send("POST", "/posts", tooLong)));
    String longest = "{\"title\":\"" + "t".repeat(200) + "\",\"body\":\"" + "b".repeat(20_000) + "\"}";
    assertStatus(201, send("POST", "/posts", longest));
    assertStatus(400, send("POST", "/posts", "{\"title\":1,"));
    assertStatus(415, server.send(HttpRequest.newBuilder(server.uri("/posts")).header("Content-Type", "text/plain")
        .header("Authorization", "Bearer " + writer).POST(HttpRequest.BodyPublishers.ofString("hello"))));
  }

  @Test
  void onlyTheAuthorEditsAPost() {
    long id = (Long) JsonTree.object(send("POST", "/posts", "{\"title\":\"Mine\",\"body\":\"b\"}").body()).get("id");
    HttpResponse<String> r = send("PUT", "/posts/" + id, "{\"title\":\"Edited\",\"body\":\"New body\"}");
    assertStatus(200, r);
    assertEquals(id, JsonTree.object(r.body()).get("id"));
    assertEquals("Edited", JsonTree.object(server.get("/posts/" + id).body()).get("title"));

    HttpResponse<String> forbidden = send("PUT", "/posts/" + id, "{\"title\":\"Hijacked\",\"body\":\"y\"}", other);
    assertStatus(403, forbidden);
    assertEquals("Only the author may edit post " + id + ".", JsonTree.object(forbidden.body()).get("detail"));
    assertStatus(403, send("PUT", "/posts/1", "{\"title\":\"x\",\"body\":\"y\"}"), "a seeded user's post");
    assertEquals("Edited", JsonTree.object(server.get("/posts/" + id).body()).get("title"));
    assertStatus(404, send("PUT", "/posts/424242", "{\"title\":\"x\",\"body\":\"y\"}"));
    assertEquals(List.of("#/title"), pointers(send("PUT", "/posts/" + id, "{\"title\":\" \",\"body\":\"y\"}")));
    assertStatus(400, send("PUT", "/posts/one", "{\"title\":\"x\",\"body\":\"y\"}"));
  }

  /** {@code PUT path} as the writer with {@code If-Match: ifMatch}. */
  static HttpResponse<String> putIfMatch(String path, String json, String ifMatch) {
    return server.send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + writer).header("If-Match", ifMatch)
        .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  static String etag(HttpResponse<String> r) {
    return r.headers().firstValue("etag").orElseThrow(() -> new AssertionError("no ETag: " + r.headers().map()));
  }

  @Test
  void aPostHasAStrongETagAndPutHonoursIfMatch() {
    long id = (Long) JsonTree.object(send("POST", "/posts", "{\"title\":\"Tagged\",\"body\":\"v1\"}").body()).get("id");
    HttpResponse<String> read = server.get("/posts/" + id);
    String tag = etag(read);
    assertTrue(tag.startsWith("\"") && !tag.startsWith("W/"), "strong: " + tag);
    assertStatus(304, server.send(HttpRequest.newBuilder(server.uri("/posts/" + id)).header("If-None-Match", tag)));
    String withComments = etag(server.get("/posts/" + id + "?include=comments"));
    assertTrue(!withComments.equals(tag), "another representation, another tag");

    HttpResponse<String> stale = putIfMatch("/posts/" + id, "{\"title\":\"Tagged\",\"body\":\"v2\"}", "\"stale\"");
    assertStatus(412, stale);
    assertEquals("application/problem+json", stale.headers().firstValue("content-type").orElseThrow());
    assertTrue(((String) JsonTree.object(stale.body()).get("detail")).contains("If-Match"), stale.body());
    assertStatus(412, putIfMatch("/posts/" + id, "{\"title\":\"Tagged\",\"body\":\"v2\"}", "W/" + tag), "weak never matches");
    assertEquals("v1", JsonTree.object(server.get("/posts/" + id).body()).get("body"), "nothing written");

    HttpResponse<String> ok = putIfMatch("/posts/" + id, "{\"title\":\"Tagged\",\"body\":\"v2\"}", tag);
    assertStatus(200, ok);
    String next = etag(ok);
    assertEquals(next, etag(server.get("/posts/" + id)), "the answer's tag is the new state's");
    assertStatus(412, putIfMatch("/posts/" + id, "{\"title\":\"Tagged\",\"body\":\"v3\"}", tag), "the old tag is spent");
    assertStatus(200, putIfMatch("/posts/" + id, "{\"title\":\"Tagged\",\"body\":\"v3\"}", "*"));
    assertStatus(200, send("PUT", "/posts/" + id, "{\"title\":\"Tagged\",\"body\":\"v4\"}"), "If-Match is optional");
    assertStatus(404, putIfMatch("/posts/424242", "{\"title\":\"x\",\"body\":\"y\"}", tag));
    HttpRequest.Builder foreign = HttpRequest.newBuilder(server.uri("/posts/" + id)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + other).header("If-Match", next)
        .PUT(HttpRequest.BodyPublishers.ofString("{\"title\":\"x\",\"body\":\"y\"}"));
    assertStatus(403, server.send(foreign), "ownership comes first");
  }

  @Test
  void concurrentReadModifyWriteAppendsLoseNothing() throws Exception {
    long id = (Long) JsonTree.object(send("POST", "/posts", "{\"title\":\"Appends\",\"body\":\"start\"}").body()).get("id");
    int writers = 10;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger conflicts = new java.util.concurrent.atomic.AtomicInteger();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
    try {
      for (int w = 0; w < writers; w++) {
        int me = w;
        done.add(pool.submit(() -> {
          go.await();
          while (System.nanoTime() < deadline) {
            HttpResponse<String> read = server.get("/posts/" + id);
            assertStatus(200, read);
            String body = (String) JsonTree.object(read.body()).get("body");
            HttpResponse<String> put = putIfMatch("/posts/" + id, "{\"title\":\"Appends\",\"body\":\"" + body + " w" + me + "\"}",
                etag(read));
            if (put.statusCode() == 200) {
              return me;
            }
            assertStatus(412, put, "only a conflict may refuse an append");
            conflicts.incrementAndGet();
          }
          throw new AssertionError("writer " + me + " never got its append in");
        }));
      }
      go.countDown();
      for (java.util.concurrent.Future<Integer> f : done) {
        f.get(90, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    String body = (String) JsonTree.object(server.get("/posts/" + id).body()).get("body");
    for (int w = 0; w < writers; w++) {
      assertTrue(body.contains(" w" + w), "append " + w + " lost: " + body + " (" + conflicts.get() + " conflicts retried)");
    }
    assertEquals(writers + 1, body.split(" ").length, body);
  }

  static void assertStatus(int status, HttpResponse<String> r, String why) {
    assertEquals(status, r.statusCode(), why + ": " + r.body());
  }

  @Test
  void authorsDeleteTheirPostsAndAdminsAnyPost() throws Exception {
    long id = (Long) JsonTree.object(send("POST", "/posts", "{\"title\":\"Gone soon\",\"body\":\"b\"}").body()).get("id");
    assertStatus(403, send("DELETE", "/posts/" + id, null, other));
    assertStatus(204, send("DELETE", "/posts/" + id, null));
    assertStatus(404, send("DELETE", "/posts/" + id, null));

    List<Object> before = Jdbc.row(url, "SELECT count(*) FROM comments WHERE post_id = 2");
    assertTrue((Long) before.get(0) > 0, "the seed gave post 2 comments");
    assertStatus(403, send("DELETE", "/posts/2", null));
    assertStatus(204, send("DELETE", "/posts/2", null, admin));
    assertStatus(404, server.get("/posts/2"));
    assertStatus(404, send("DELETE", "/posts/2", null, admin));
    assertEquals(List.of(0L, 0L), Jdbc.row(url,
        "SELECT (SELECT count(*) FROM comments WHERE post_id = 2), (SELECT count(*) FROM post_tags WHERE post_id = 2)"));
  }

  @Test
  void signingUpCreatesTheBlogUserInTheSameTransaction() throws Exception {
    long account = (Long) JsonTree.object(signup("newcomer@example.com").body()).get("id");
    assertEquals(List.of("newcomer", account), Jdbc.row(url, "SELECT name, account_id FROM users WHERE email = 'newcomer@example.com'"));
    // A seeded user's address: the blog user cannot be created, so neither is the account.
    assertStatus(409, server.postJson("/auth/signup", "{\"email\":\"user1@example.com\",\"password\":\"a long password\"}"));
    assertEquals(List.of(0L), Jdbc.row(url, "SELECT count(*) FROM vivace_auth.accounts WHERE email = 'user1@example.com'"));
  }

  @Test
  void usersAreUniqueByEmail() {
    HttpResponse<String> created = send("POST", "/users", "{\"email\":\"ana@example.com\",\"name\":\"Ana\"}");
    assertStatus(201, created);
    Map<String, Object> user = JsonTree.object(created.body());
    assertEquals("/users/" + user.get("id"), created.headers().firstValue("location").orElseThrow());
    assertEquals(user, JsonTree.object(server.get("/users/" + user.get("id")).body()));
    assertEquals(0L, JsonTree.object(server.get("/users/" + user.get("id") + "/posts").body()).get("total"));
    assertStatus(409, send("POST", "/users", "{\"email\":\"ana@example.com\",\"name\":\"Ana again\"}"));
    assertStatus(409, send("POST", "/users", "{\"email\":\"user1@example.com\",\"name\":\"Seeded\"}"));
    assertEquals(List.of("#/email", "#/name"), pointers(send("POST", "/users", "{\"email\":\"nobody\",\"name\":\"\"}")).subList(0, 2));
  }

  @Test
  void theExportHasEveryPost() throws Exception {
    long posts = (Long) Jdbc.row(url, "SELECT count(*) FROM posts").get(0);
    HttpResponse<String> r = server.get("/export/posts");
    assertStatus(200, r);
    assertEquals(posts, r.body().lines().count());
    assertTrue(r.body().endsWith("\n"));
  }
}
