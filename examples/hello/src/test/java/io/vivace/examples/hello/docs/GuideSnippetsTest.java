package io.vivace.examples.hello.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** The guides' snippets of filters, groups, timeouts and six extractors do what routing.md says. */
class GuideSnippetsTest {

  @Test
  void filtersGroupsTimeoutsAndSixExtractorsBehaveAsDocumented() {
    LongAdder slow = new LongAdder();
    try (TestServer s = TestServer.start(app -> {
      GuideSnippets.filters(app, slow);
      GuideSnippets.groups(app);
      GuideSnippets.sixExtractors(app);
    })) {
      HttpResponse<String> shout = s.get("/shout");
      assertEquals("HELLO", shout.body());
      assertEquals("guides", shout.headers().firstValue("X-Served-By").orElseThrow());
      assertEquals(403, s.send(HttpRequest.newBuilder(s.uri("/shout")).header("X-Deny", "GET")).statusCode());
      assertEquals(403, s.get("/admin/stats").statusCode());
      assertEquals("[1,2,3]", s.send(HttpRequest.newBuilder(s.uri("/admin/stats")).header("X-Admin-Key", "secret")).body());
      assertEquals(204, s.send(HttpRequest.newBuilder(s.uri("/admin/jobs/4")).header("X-Admin-Key", "secret").DELETE()).statusCode());
      assertEquals(503, s.get("/report").statusCode());
      assertEquals("a..b every 2 day in UTC, page 3", s.get("/range?from=a&to=b&step=2&page=3").body());
    }
  }
}
