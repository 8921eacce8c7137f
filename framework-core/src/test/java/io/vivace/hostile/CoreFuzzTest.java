package io.vivace.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.extract.Body;
import io.vivace.extract.Header;
import io.vivace.extract.Path;
import io.vivace.extract.Query;
import io.vivace.pagination.Pagination;
import io.vivace.testing.HttpFuzz;
import io.vivace.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The fuzz suite against an app with every kind of route: no 5xx, no hang, healthy afterwards.
 * Seeded, so a failure names a request that {@link HttpFuzz#request(int)} reproduces.
 */
class CoreFuzzTest {
  @Test
  void hostileRequestsGetA4xxOrACloseNeverA5xxOrAHang() throws Exception {
    try (TestServer s = TestServer.start(app -> {
      app.get("/plain", () -> "plain");
      app.get("/query", Query.intValue("page").orElse(1), Header.string("Accept").optional(), (p, a) -> "page " + p);
      app.get("/pages", Pagination.offset(), page -> "ok " + page.offset());
      app.get("/items/:id", Path.longValue("id"), id -> java.util.Map.of("id", id));
      app.post("/items", Body.json(MalformedRequestTest.Named.class), n -> n);
      app.put("/items/:id", Path.longValue("id"), Body.json(MalformedRequestTest.Named.class), (id, n) -> n);
      app.get("/blocking", Query.string("q").orElse(""), q -> "b" + q).blocking();
    })) {
      HttpFuzz fuzz = new HttpFuzz("127.0.0.1", s.port(), 13)
          .get("/plain", "/query?page=2", "/pages?page=1&size=5", "/items/1", "/blocking?q=x", "/health")
          .post("/items", "/items/1");
      HttpFuzz.Report report = fuzz.run(3_000, 4);
      System.out.println("core fuzz: " + report);
      assertEquals(0, report.serverErrorCount(), report.toString());
      assertTrue(report.hangs().isEmpty(), report.toString());
      assertEquals(200, s.get("/health").statusCode());
      assertEquals("plain", s.get("/plain").body());
    }
  }
}
