package io.vivace.examples.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The write endpoints: create, update, delete, their validation and database errors as problems. */
class BlogWritesTest {
  static TestServer server;
  static DatabaseUrl url;

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh();
    server = TestServer.started(BlogApp.create(TestServer.options(), new DbOptions().url(url), new Seed(3, 5, 10)));
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
  }

  static HttpResponse<String> send(String method, String path, String json) {
    return server.send(method, path, json == null ? null : "application/json", json);
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

  @Test
  void createReadAndFindANewPostFirstInTheFeed() {
    HttpResponse<String> created = send("POST", "/posts", "{\"authorId\":2,\"title\":\"Hello\",\"body\":\"First!\"}");
    assertStatus(201, created);
    Map<String, Object> post = JsonTree.object(created.body());
    assertEquals("/posts/" + post.get("id"), created.headers().firstValue("location").orElseThrow());
    assertEquals(2L, post.get("authorId"));
    assertTrue(((String) post.get("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT.+"), post.toString());

    Map<String, Object> read = JsonTree.object(server.get("/posts/" + post.get("id") + "?include=comments,author").body());
    assertEquals("Hello", read.get("title"));
    assertEquals(List.of(), read.get("comments"), "a post without comments has an empty list");
    assertEquals(Map.of("id", 2L, "name", "User 2"), read.get("author"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> feed = (List<Map<String, Object>>) JsonTree.object(server.get("/posts/feed?limit=1").body()).get("items");
    assertEquals(post.get("id"), feed.get(0).get("id"), "newest first");
  }

  @Test
  void invalidPostsListEveryError() {
    HttpResponse<String> r = send("POST", "/posts", "{\"title\":\"\",\"body\":\"\"}");
    assertStatus(422, r);
    assertEquals(List.of("#/authorId", "#/title", "#/title", "#/body", "#/body"), pointers(r));
    String tooLong = "{\"authorId\":1,\"title\":\"" + "t".repeat(201) + "\",\"body\":\"" + "b".repeat(20_001) + "\"}";
    assertEquals(List.of("#/title", "#/body"), pointers(send("POST", "/posts", tooLong)));
    String longest = "{\"authorId\":1,\"title\":\"" + "t".repeat(200) + "\",\"body\":\"" + "b".repeat(20_000) + "\"}";
    assertStatus(201, send("POST", "/posts", longest));
    assertEquals(List.of("#/authorId"), pointers(send("POST", "/posts", "{\"authorId\":\"two\",\"title\":\"a\",\"body\":\"b\"}")));
    assertStatus(400, send("POST", "/posts", "{\"authorId\":1,"));
    assertStatus(415, server.send("POST", "/posts", "text/plain", "hello"));
  }

  @Test
  void anUnknownAuthorIsA422NamingAuthorId() {
    HttpResponse<String> r = send("POST", "/posts", "{\"authorId\":999,\"title\":\"a\",\"body\":\"b\"}");
    assertStatus(422, r);
    assertEquals(List.of("#/authorId"), pointers(r));
    HttpResponse<String> u = send("PUT", "/posts/1", "{\"authorId\":999,\"title\":\"a\",\"body\":\"b\"}");
    assertStatus(422, u);
    assertEquals(List.of("#/authorId"), pointers(u));
    assertStatus(404, send("PUT", "/posts/999", "{\"authorId\":999,\"title\":\"a\",\"body\":\"b\"}"));
  }

  @Test
  void updateAPost() {
    HttpResponse<String> r = send("PUT", "/posts/1", "{\"authorId\":3,\"title\":\"Edited\",\"body\":\"New body\"}");
    assertStatus(200, r);
    Map<String, Object> post = JsonTree.object(r.body());
    assertEquals(1L, post.get("id"));
    assertEquals(3L, post.get("authorId"));
    assertEquals("Edited", JsonTree.object(server.get("/posts/1").body()).get("title"));
    assertStatus(404, send("PUT", "/posts/424242", "{\"authorId\":3,\"title\":\"x\",\"body\":\"y\"}"));
    assertEquals(List.of("#/title"), pointers(send("PUT", "/posts/1", "{\"authorId\":3,\"title\":\" \",\"body\":\"y\"}")));
    assertStatus(400, send("PUT", "/posts/one", "{\"authorId\":3,\"title\":\"x\",\"body\":\"y\"}"));
  }

  @Test
  void deleteAPostWithItsCommentsAndTags() throws Exception {
    List<Object> before = Jdbc.row(url, "SELECT count(*) FROM comments WHERE post_id = 2");
    assertTrue((Long) before.get(0) > 0, "the seed gave post 2 comments");
    assertStatus(204, send("DELETE", "/posts/2", null));
    assertStatus(404, server.get("/posts/2"));
    assertStatus(404, send("DELETE", "/posts/2", null));
    assertEquals(List.of(0L, 0L), Jdbc.row(url,
        "SELECT (SELECT count(*) FROM comments WHERE post_id = 2), (SELECT count(*) FROM post_tags WHERE post_id = 2)"));
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
