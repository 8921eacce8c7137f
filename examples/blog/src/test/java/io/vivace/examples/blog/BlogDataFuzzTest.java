package io.vivace.examples.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.HttpFuzz;
import io.vivace.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The blog's data-level hostile input: forged keyset cursors (well-formed base64 of values the
 * database rejects, such as year 294277) and unknown or repeated {@code include} names, sent as they
 * are and mutated by {@link HttpFuzz}. Each must be a 4xx naming the parameter, never a 5xx.
 */
class BlogDataFuzzTest {
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

  static List<String> cursorsAndIncludes() {
    List<String> requests = new ArrayList<>();
    requests.add(get("/posts/feed?cursor=KzI5NDI3Ny0wMS0wMVQwMDowMDowMFofMQ")); // the review's reproduction
    Random r = new Random(42);
    String[] stamps = {"+294277-01-01T00:00:00Z", "-4713-11-24T00:00:00Z", "2026-13-45T99:99:99Z", "0000-00-00T00:00:00Z",
        "2026-01-01T00:00:00Z", "", "null", "9999999999999999999", "2026-01-01T00:00:00+99:00"};
    String[] ids = {"1", "-1", "99999999999999999999", "", "x", "1\u0000", "1 OR 1=1", "1;DROP TABLE posts"};
    for (String stamp : stamps) {
      for (String id : ids) {
        for (String sep : new String[] {"\u001f", "|", ",", ""}) {
          String raw = stamp + sep + id;
          requests.add(get("/posts/feed?cursor=" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8))));
        }
      }
    }
    for (int i = 0; i < 50; i++) {
      byte[] junk = new byte[1 + r.nextInt(40)];
      r.nextBytes(junk);
      requests.add(get("/posts/feed?cursor=" + Base64.getUrlEncoder().withoutPadding().encodeToString(junk)));
    }
    String[] includes = {"unknown", "author,unknown", "author,author", ",,,", "AUTHOR", "author.comments", "comments,tags,author,x",
        "%00", "", "author%2Ccomments", "a".repeat(2000), "tags;comments"};
    for (String include : includes) {
      requests.add(get("/posts/1?include=" + include));
      requests.add(get("/posts/1?include=author&include=" + include));
    }
    return requests;
  }

  private static String get(String target) {
    return "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n";
  }

  @Test
  void forgedCursorsAndUnknownIncludesAre4xx() throws Exception {
    List<String> cases = cursorsAndIncludes();
    HttpFuzz fuzz = new HttpFuzz("127.0.0.1", server.port(), 7)
        .get("/posts/feed", "/posts/1?include=author")
        .request(cases.toArray(new String[0]));
    HttpFuzz.Report report = fuzz.run(2_000, 4);
    System.out.println("blog data fuzz: " + report);
    assertEquals(0, report.serverErrorCount(), report.toString());
    assertTrue(report.hangs().isEmpty(), report.toString());
    assertEquals(200, server.get("/health").statusCode());
  }
}
