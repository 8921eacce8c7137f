package io.vivace.examples.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.App;
import io.vivace.config.Config;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The blog's CORS for its front end, whose origin is configured by VIVACE_CORS_ORIGINS. */
class BlogCorsTest {
  static final String FRONT_END = "https://blog.example.com";
  static TestServer server;
  static DatabaseUrl url;

  @BeforeAll
  static void start() throws Exception {
    url = TestDatabase.fresh();
    App app = BlogApp.create(TestServer.options(), new DbOptions().url(url), new Seed(3, 5, 10), BlogWritesTest.AUTH);
    app.cors(BlogApp.cors(new Config(Map.of("VIVACE_CORS_ORIGINS", FRONT_END, "VIVACE_CORS_CREDENTIALS", "true"),
        new Properties())));
    server = TestServer.started(app);
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
  }

  @Test
  void theFrontEndMayEditAPostWithIfMatchAndABearerToken() {
    HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/posts/1"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", FRONT_END)
        .header("Access-Control-Request-Method", "PUT")
        .header("Access-Control-Request-Headers", "authorization,content-type,if-match"));
    assertEquals(204, r.statusCode());
    assertEquals(FRONT_END, r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    assertEquals(List.of(), r.headers().allValues("Access-Control-Allow-Credentials"), "bearer tokens, not cookies");
    assertTrue(r.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("PUT"));
  }

  @Test
  void theFrontEndReadsThePagesLinkAndETag() {
    HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/posts/feed?limit=2")).header("Origin", FRONT_END));
    assertEquals(200, r.statusCode());
    assertEquals(FRONT_END, r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    assertEquals("ETag, Link, Location", r.headers().firstValue("Access-Control-Expose-Headers").orElse(null));
    assertTrue(r.headers().firstValue("Link").isPresent());
  }

  @Test
  void anotherOriginGetsNoCorsHeaders() {
    HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/posts/1")).header("Origin", "https://evil.example"));
    assertEquals(200, r.statusCode());
    assertEquals(List.of(), r.headers().allValues("Access-Control-Allow-Origin"));
    assertEquals(List.of("Origin"), r.headers().allValues("Vary").stream().filter(v -> v.equals("Origin")).toList());
  }
}
