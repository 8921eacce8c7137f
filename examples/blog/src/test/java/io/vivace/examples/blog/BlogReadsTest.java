package io.vivace.examples.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The read endpoints on a small seeded data set: pages, the feed, includes, a user's posts, the export. */
class BlogReadsTest {
  static final Seed SEED = new Seed(10, 45, 120);
  static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");
  static TestServer server;
  static DatabaseUrl url;

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh();
    server = TestServer.started(BlogApp.create(TestServer.options(), new DbOptions().url(url), SEED, BlogWritesTest.AUTH));
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
  }

  static Map<String, Object> ok(String path) {
    HttpResponse<String> r = server.get(path);
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    assertEquals("application/json", r.headers().firstValue("content-type").orElse(""));
    return JsonTree.object(r.body());
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> items(Map<String, Object> page) {
    return (List<Map<String, Object>>) page.get("items");
  }

  static void assertProblem(int status, String path, String parameter) {
    HttpResponse<String> r = server.get(path);
    assertEquals(status, r.statusCode(), path + ": " + r.body());
    assertEquals("application/problem+json", r.headers().firstValue("content-type").orElse(""));
    assertEquals((long) status, JsonTree.object(r.body()).get("status"));
    if (parameter != null) {
      assertEquals(parameter, JsonTree.errors(r.body()).get(0).get("parameter"), r.body());
    }
  }

  static final Comparator<Map<String, Object>> NEWEST_FIRST = Comparator
      .comparing((Map<String, Object> p) -> (String) p.get("createdAt"))
      .thenComparing(p -> (Long) p.get("id")).reversed();

  @Test
  void offsetPagesAreNewestFirstWithATotal() {
    Map<String, Object> page = ok("/posts?page=2&per_page=10");
    assertEquals(10, items(page).size());
    assertEquals(2L, page.get("page"));
    assertEquals(10L, page.get("per_page"));
    assertEquals(45L, page.get("total"));
    assertEquals(5L, page.get("total_pages"));
    assertEquals(5, items(ok("/posts?page=5&per_page=10")).size());
    assertEquals(0, items(ok("/posts?page=6&per_page=10")).size());
    assertEquals(20L, ok("/posts").get("per_page"));

    List<Map<String, Object>> all = items(ok("/posts?per_page=100"));
    assertEquals(45, all.size());
    List<Map<String, Object>> sorted = new ArrayList<>(all);
    sorted.sort(NEWEST_FIRST);
    assertEquals(sorted, all);
    Map<String, Object> first = all.get(0);
    assertEquals(java.util.Set.of("id", "title", "authorId", "createdAt"), first.keySet());
    assertTrue(((String) first.get("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), first.toString());
    assertEquals(items(ok("/posts?page=2&per_page=10")), all.subList(10, 20));

    assertProblem(400, "/posts?page=0", "page");
    assertProblem(400, "/posts?per_page=ten", "per_page");
  }

  @Test
  void theFeedFollowsLinkHeadersWithoutDuplicates() {
    List<Object> ids = new ArrayList<>();
    String next = "/posts/feed?limit=10";
    int pages = 0;
    while (next != null) {
      HttpResponse<String> r = server.get(next);
      assertEquals(200, r.statusCode(), r.body());
      Map<String, Object> page = JsonTree.object(r.body());
      items(page).forEach(p -> ids.add(p.get("id")));
      String link = r.headers().firstValue("link").orElse(null);
      if (link == null) {
        assertNull(page.get("next_cursor"));
        next = null;
      } else {
        Matcher m = NEXT.matcher(link);
        assertTrue(m.matches(), link);
        next = m.group(1);
        assertTrue(next.startsWith("/posts/feed?limit=10&cursor="), next);
      }
      pages++;
    }
    assertEquals(5, pages);
    assertEquals(45, new HashSet<>(ids).size(), "no duplicates: " + ids);
    assertEquals(items(ok("/posts?per_page=100")).stream().map(p -> p.get("id")).toList(), ids, "newest first");

    assertProblem(400, "/posts/feed?cursor=bm90LWEtY3Vyc29y", "cursor");
    assertProblem(400, "/posts/feed?cursor=KzI5NDI3Ny0wMS0wMVQwMDowMDowMFofMQ", "cursor"); // year 294277: past PostgreSQL's
    assertProblem(400, "/posts/feed?cursor=" + io.vivace.pagination.CursorRequest.cursorOf("-5000-01-01T00:00:00Z\u001f1"), "cursor");
    assertProblem(400, "/posts/feed?cursor=" + io.vivace.pagination.CursorRequest.cursorOf("2026-01-01T00:00:00Z\u001fx"), "cursor");
    // UTF-8 of a lone surrogate (ED A0 80) decodes to U+FFFD, never to a surrogate: still a 400, nothing stored
    String surrogateBytes = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, 0x1f, '1'});
    assertProblem(400, "/posts/feed?cursor=" + surrogateBytes, "cursor");
    assertProblem(400, "/posts/feed?limit=x", "limit");
  }

  @Test
  @SuppressWarnings("unchecked")
  void includesLoadAuthorCommentsWithTheirAuthorsAndTags() {
    Map<String, Object> bare = ok("/posts/1");
    assertEquals(1L, bare.get("id"));
    assertEquals(4L, bare.get("authorId"), "1 + (1 * 13) % 10");
    assertNull(bare.get("author"));
    assertNull(bare.get("comments"));
    assertNull(bare.get("tags"));

    Map<String, Object> post = ok("/posts/1?include=author,comments,tags");
    assertEquals(Map.of("id", 4L, "name", "User 4"), post.get("author"));
    List<Map<String, Object>> comments = (List<Map<String, Object>>) post.get("comments");
    assertEquals(List.of(45L, 90L), comments.stream().map(c -> c.get("id")).toList(), "1 + (c * 7) % 45 == 1");
    assertEquals(Map.of("id", 7L, "name", "User 7"), comments.get(0).get("author"), "1 + (45 * 11 + 45 / 45) % 10");
    assertEquals(Map.of("id", 3L, "name", "User 3"), comments.get(1).get("author"), "1 + (90 * 11 + 90 / 45) % 10");
    List<Map<String, Object>> tags = (List<Map<String, Object>>) post.get("tags");
    assertEquals(List.of("linux", "netty"), tags.stream().map(t -> t.get("name")).toList());

    Map<String, Object> onlyTags = ok("/posts/3?include=tags");
    assertEquals(1, ((List<?>) onlyTags.get("tags")).size(), "1 + 3 % 3 tags");
    assertNull(onlyTags.get("author"));

    assertProblem(400, "/posts/1?include=author,likes", "include");
    assertProblem(400, "/posts/1?include=%ED%A0%80", "include");
    String unknown = server.get("/posts/1?include=%00%ff,author").body();
    assertTrue(unknown.contains("allowed: author, comments, tags"), unknown);
    assertProblem(404, "/posts/999999?include=author", null);
    assertProblem(400, "/posts/abc", "id");
  }

  @Test
  void aUsersPosts() {
    long expected = java.util.stream.IntStream.rangeClosed(1, 45).filter(i -> 1 + (i * 13) % 10 == 3).count();
    Map<String, Object> page = ok("/users/3/posts?per_page=2");
    assertEquals(expected, page.get("total"));
    assertEquals(2, items(page).size());
    List<Map<String, Object>> all = items(ok("/users/3/posts?per_page=100"));
    assertEquals(expected, all.size());
    assertTrue(all.stream().allMatch(p -> p.get("authorId").equals(3L)));
    List<Map<String, Object>> sorted = new ArrayList<>(all);
    sorted.sort(NEWEST_FIRST);
    assertEquals(sorted, all);
    assertEquals(Map.of("id", 3L, "name", "User 3"), ok("/users/3"));

    assertProblem(404, "/users/999/posts", null);
    assertProblem(404, "/users/999", null);
    assertProblem(400, "/users/3/posts?page=-1", "page");
  }

  @Test
  void theExportIsOneLinePerPost() {
    HttpResponse<String> r = server.get("/export/posts");
    assertEquals(200, r.statusCode());
    assertEquals("application/x-ndjson", r.headers().firstValue("content-type").orElse(""));
    String[] lines = r.body().split("\n");
    assertEquals(45, lines.length);
    for (int i = 0; i < lines.length; i++) {
      Map<String, Object> post = JsonTree.object(lines[i]);
      assertEquals((long) i + 1, post.get("id"));
      assertTrue(((String) post.get("body")).startsWith("Post number " + (i + 1) + ". "));
    }
  }

  @Test
  void theSeedIsDeterministicAndRunsOnlyOnAnEmptyDatabase() throws Exception {
    String counts = "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM posts),"
        + " (SELECT count(*) FROM comments), (SELECT count(*) FROM tags), (SELECT count(*) FROM post_tags),"
        + " (SELECT md5(string_agg(title || body, ',' ORDER BY id)) FROM posts)";
    List<Object> before = Jdbc.row(url, counts);
    assertEquals(List.of(10L, 45L, 120L, 20L, 90L), before.subList(0, 5), "tags per post: 1, 2, 3 in turn");
    TestServer again = TestServer.started(BlogApp.create(TestServer.options(), new DbOptions().url(url), SEED, BlogWritesTest.AUTH));
    again.close();
    assertEquals(before, Jdbc.row(url, counts), "a second start does not seed again");
    assertEquals(List.of(11L), Jdbc.row(url, "SELECT nextval('users_id_seq')"), "sequences continue after the seed");
  }
}
