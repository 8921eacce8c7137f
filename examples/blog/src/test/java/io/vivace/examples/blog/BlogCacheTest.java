package io.vivace.examples.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.cache.RedisOptions;
import io.vivace.cache.testing.Await;
import io.vivace.cache.testing.TestRedis;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two blog instances on one database and one Redis, as two running servers: posts and profiles come
 * from the two-tier cache, a write on one instance is never served stale by the other, and list
 * endpoints answer 304 to a matching If-None-Match.
 */
class BlogCacheTest {
  static TestServer a;
  static TestServer b;
  static DatabaseUrl url;
  static String writer;

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh();
    RedisOptions redis = TestRedis.options();
    a = TestServer.started(BlogApp.create(TestServer.options(), new DbOptions().url(url), new Seed(3, 5, 10),
        BlogWritesTest.AUTH, redis));
    b = TestServer.started(BlogApp.create(TestServer.options(), new DbOptions().url(url), null, BlogWritesTest.AUTH, redis));
    String credentials = "{\"email\":\"cache@example.com\",\"password\":\"a long password\"}";
    assertEquals(201, a.postJson("/auth/signup", credentials).statusCode());
    writer = (String) JsonTree.object(a.postJson("/auth/login", credentials).body()).get("accessToken");
  }

  /** {@code method path} with {@code json} (or no body) as the writer. */
  private static HttpResponse<String> write(String method, String path, String json) {
    HttpRequest.Builder r = HttpRequest.newBuilder(a.uri(path)).header("Authorization", "Bearer " + writer)
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    return a.send(json == null ? r : r.header("Content-Type", "application/json"));
  }

  private static long newPost(String title) {
    HttpResponse<String> created = write("POST", "/posts", "{\"title\":\"" + title + "\",\"body\":\"x\"}");
    assertEquals(201, created.statusCode(), created.body());
    return (Long) JsonTree.object(created.body()).get("id");
  }

  @AfterAll
  static void stop() throws Exception {
    b.close();
    TestDatabase.closeAndDrop(a, url);
  }

  private static Map<String, Object> post(TestServer s, long id) {
    HttpResponse<String> r = s.get("/posts/" + id + "?include=author,comments,tags");
    assertEquals(200, r.statusCode(), r.body());
    return JsonTree.object(r.body());
  }

  @Test
  void anUpdateOrDeleteOnOneInstanceIsSeenByTheOther() {
    long id = newPost("Original");
    Map<String, Object> before = post(a, id);
    assertEquals(before, post(b, id), "B reads what A cached (or loads the same)");
    assertEquals(null, JsonTree.object(b.get("/posts/" + id).body()).get("author"), "fewer includes from the same entry");

    assertEquals(200, write("PUT", "/posts/" + id, "{\"title\":\"Edited\",\"body\":\"New body\"}").statusCode());
    assertEquals("Edited", post(a, id).get("title"), "the writer never serves its stale copy");
    Await.until(Duration.ofSeconds(5), "B drops its copy", () -> "Edited".equals(post(b, id).get("title")));
    assertEquals(before.get("comments"), post(b, id).get("comments"));

    assertEquals(204, write("DELETE", "/posts/" + id, null).statusCode());
    assertEquals(404, a.get("/posts/" + id).statusCode());
    Await.until(Duration.ofSeconds(5), "B forgets the deleted post", () -> b.get("/posts/" + id).statusCode() == 404);
  }

  @Test
  void aNewPostIsFoundRightAfterA404WasCached() {
    long next = newPost("Fifth") + 1;
    assertEquals(404, a.get("/posts/" + next).statusCode()); // the next id is now cached as not found
    assertEquals(next, newPost("Sixth"));
    assertEquals("Sixth", JsonTree.object(a.get("/posts/" + next).body()).get("title"));
  }

  @Test
  void userProfilesComeFromTheCache() {
    HttpResponse<String> first = a.get("/users/1");
    assertEquals(200, first.statusCode());
    assertEquals(first.body(), b.get("/users/1").body());
    assertEquals(404, a.get("/users/999").statusCode());
  }

  @Test
  void listEndpointsAnswer304ToAMatchingIfNoneMatch() {
    for (String path : new String[] {"/posts?per_page=3", "/posts/feed?limit=2", "/users/1/posts"}) {
      HttpResponse<String> full = a.get(path);
      assertEquals(200, full.statusCode(), path + ": " + full.body());
      String etag = full.headers().firstValue("ETag").orElseThrow(() -> new AssertionError(path + " has no ETag"));
      HttpResponse<String> again = a.send(HttpRequest.newBuilder(a.uri(path)).header("If-None-Match", etag));
      assertEquals(304, again.statusCode(), path);
      assertEquals("", again.body());
      assertEquals(etag, again.headers().firstValue("ETag").orElseThrow());
      assertEquals(full.headers().firstValue("ETag"), b.get(path).headers().firstValue("ETag"), "same bytes, same tag");
    }
    HttpResponse<String> feed = a.get("/posts/feed?limit=2");
    assertTrue(feed.headers().firstValue("Link").isPresent(), "the feed keeps its Link header");
    String before = a.get("/posts?per_page=3").headers().firstValue("ETag").orElseThrow();
    newPost("Newest");
    assertNotEquals(before, a.get("/posts?per_page=3").headers().firstValue("ETag").orElseThrow(), "new content, new tag");
  }
}
