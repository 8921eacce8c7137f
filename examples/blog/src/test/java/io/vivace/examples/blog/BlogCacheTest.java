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

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh();
    RedisOptions redis = TestRedis.options();
    a = TestServer.started(BlogApp.create(TestServer.options(), new DbOptions().url(url), new Seed(3, 5, 10), redis));
    b = TestServer.started(BlogApp.create(TestServer.options(), new DbOptions().url(url), null, redis));
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
    Map<String, Object> before = post(a, 1);
    assertEquals(before, post(b, 1), "B reads what A cached (or loads the same)");
    assertEquals(null, JsonTree.object(b.get("/posts/1").body()).get("author"), "fewer includes from the same entry");

    String json = "{\"authorId\":" + before.get("authorId") + ",\"title\":\"Edited\",\"body\":\"New body\"}";
    assertEquals(200, a.send("PUT", "/posts/1", "application/json", json).statusCode());
    assertEquals("Edited", post(a, 1).get("title"), "the writer never serves its stale copy");
    Await.until(Duration.ofSeconds(5), "B drops its copy", () -> "Edited".equals(post(b, 1).get("title")));
    assertEquals(before.get("comments"), post(b, 1).get("comments"));

    post(b, 2);
    assertEquals(204, a.send("DELETE", "/posts/2", null, null).statusCode());
    assertEquals(404, a.get("/posts/2").statusCode());
    Await.until(Duration.ofSeconds(5), "B forgets the deleted post", () -> b.get("/posts/2").statusCode() == 404);
  }

  @Test
  void aNewPostIsFoundRightAfterA404WasCached() {
    @SuppressWarnings("unchecked")
    long newest = (Long) ((java.util.List<Map<String, Object>>) JsonTree.object(a.get("/posts?per_page=100").body())
        .get("items")).stream().mapToLong(p -> (Long) p.get("id")).max().orElseThrow();
    long next = newest + 1;
    assertEquals(404, a.get("/posts/" + next).statusCode()); // the next id is now cached as not found
    HttpResponse<String> created = a.send("POST", "/posts", "application/json",
        "{\"authorId\":1,\"title\":\"Sixth\",\"body\":\"x\"}");
    assertEquals(201, created.statusCode(), created.body());
    assertEquals(next, (Long) JsonTree.object(created.body()).get("id"));
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
    a.send("POST", "/posts", "application/json", "{\"authorId\":1,\"title\":\"Newest\",\"body\":\"x\"}");
    assertNotEquals(before, a.get("/posts?per_page=3").headers().firstValue("ETag").orElseThrow(), "new content, new tag");
  }
}
