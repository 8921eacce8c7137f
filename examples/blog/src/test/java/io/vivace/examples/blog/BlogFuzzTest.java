package io.vivace.examples.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.HttpFuzz;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 10,000 hostile requests (seeded: {@link HttpFuzz#request(int)} reproduces any of them) against
 * the blog's reads, writes (with a valid bearer token, so bodies reach the decoder) and the auth
 * module: no 5xx, no hang, and the app healthy afterwards. The data-level cases (forged keyset
 * cursors, unknown includes) are in {@link BlogDataFuzzTest}.
 */
class BlogFuzzTest {
  static TestServer server;
  static DatabaseUrl url;

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh();
    server = TestServer.started(BlogApp.create(TestServer.options(), new DbOptions().url(url), new Seed(5, 20, 40), BlogWritesTest.AUTH));
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
  }

  static String token() {
    String credentials = "{\"email\":\"fuzz@example.com\",\"password\":\"a long password\"}";
    server.postJson("/auth/signup", credentials);
    HttpResponse<String> r = server.postJson("/auth/login", credentials);
    assertEquals(200, r.statusCode(), r.body());
    return (String) JsonTree.object(r.body()).get("accessToken");
  }

  @Test
  void tenThousandHostileRequestsGetNo5xxAndNoHang() throws Exception {
    HttpFuzz fuzz = new HttpFuzz("127.0.0.1", server.port(), 2026)
        .get("/posts?page=1&size=5", "/posts/feed", "/posts/1", "/posts/2?include=author", "/users/1", "/users/1/posts?page=1",
            "/export/posts", "/health", "/auth/me")
        .post("/posts", "/posts/3", "/users", "/auth/signup", "/auth/login", "/auth/refresh")
        .bodyHeader("Authorization: Bearer " + token());
    HttpFuzz.Report report = fuzz.run(10_000, 4);
    System.out.println("blog fuzz: " + report);
    assertEquals(0, report.serverErrorCount(), report.toString());
    assertTrue(report.hangs().isEmpty(), report.toString());
    assertEquals(200, server.get("/health").statusCode());
    assertEquals(200, server.get("/posts?page=1&size=5").statusCode());
  }
}
