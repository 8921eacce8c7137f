package io.vivace.examples.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.config.Config;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.observe.ObserveOptions;
import io.vivace.testing.JsonTree;
import io.vivace.testing.LogCapture;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The blog's request ids and access log: route templates, statuses, ids in problems. */
class BlogObservabilityTest {
  static final Pattern COMMON = Pattern.compile(
      "^127\\.0\\.0\\.1 - - \\[[^\\]]+\\] \"(\\S+) (\\S+) HTTP/1\\.1\" (\\d{3}) (\\d+|-) \"([^\"]*)\" (\\d+) (\\S+)$");
  static TestServer server;
  static DatabaseUrl url;

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh();
    server = TestServer.started(BlogApp.create(
        TestServer.options().observe(new ObserveOptions().accessLog(ObserveOptions.AccessLog.COMMON)),
        new DbOptions().url(url), new Seed(3, 5, 10), BlogWritesTest.AUTH));
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
  }

  static HttpResponse<String> get(String path, String id) {
    return server.send(HttpRequest.newBuilder(server.uri(path)).header("X-Request-Id", id).GET());
  }

  @Test
  void everyRequestIsLoggedWithItsRouteTemplateAndId() {
    try (LogCapture logs = LogCapture.start()) {
      assertEquals(200, get("/posts/1?include=author", "blog-read").statusCode());
      assertEquals(200, get("/posts?page=1&per_page=2", "blog-page").statusCode());
      HttpResponse<String> missing = get("/posts/999999", "blog-missing");
      assertEquals(404, missing.statusCode());
      assertEquals("blog-missing", JsonTree.object(missing.body()).get("request_id"));
      HttpResponse<String> anonymous = server.send(HttpRequest.newBuilder(server.uri("/posts"))
          .header("X-Request-Id", "blog-401").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"t\",\"body\":\"b\"}")));
      assertEquals(401, anonymous.statusCode());
      assertEquals("blog-401", JsonTree.object(anonymous.body()).get("request_id"));

      Matcher read = line(logs, "blog-read");
      assertEquals("GET", read.group(1));
      assertEquals("/posts/1", read.group(2));
      assertEquals("200", read.group(3));
      assertEquals("/posts/:id", read.group(5));
      assertEquals("/posts", line(logs, "blog-page").group(5));
      assertEquals("404", line(logs, "blog-missing").group(3));
      Matcher denied = line(logs, "blog-401");
      assertEquals("POST", denied.group(1));
      assertEquals("401", denied.group(3));
      assertEquals("/posts", denied.group(5));
    }
  }

  @Test
  void theAccessLogIsOnUnlessConfigured() {
    String property = Config.propertyName(ObserveOptions.ACCESS_LOG.env());
    String before = System.getProperty(property);
    try {
      System.clearProperty(property);
      BlogApp.accessLogByDefault();
      if (System.getenv("VIVACE_ACCESS_LOG") == null) {
        assertEquals(ObserveOptions.AccessLog.COMMON, ObserveOptions.from(Config.system()).accessLog());
      }
      System.setProperty(property, "json");
      BlogApp.accessLogByDefault();
      assertEquals(ObserveOptions.AccessLog.JSON, ObserveOptions.from(Config.system()).accessLog(), "a setting wins");
    } finally {
      if (before == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, before);
      }
    }
  }

  private static Matcher line(LogCapture logs, String id) {
    String l = logs.accessLine(" " + id);
    Matcher m = COMMON.matcher(l);
    assertTrue(m.matches(), l);
    assertEquals(id, m.group(7));
    return m;
  }
}
