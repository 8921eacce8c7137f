package io.vivace.examples.techempower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.auth.Jwt;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.HttpFuzz;
import io.vivace.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 10,000 hostile requests (seeded: {@link HttpFuzz#request(int)} reproduces any of them) against
 * every TechEmpower endpoint, {@code /auth/json} and {@code POST /echo}: no 5xx, no hang, and the
 * app healthy afterwards.
 */
class TechEmpowerFuzzTest {
  static TestServer server;
  static DatabaseUrl url;

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh();
    server = TestServer.started(TechEmpowerApp.create(TestServer.options(), new DbOptions().url(url), AuthJsonTest.AUTH));
  }

  @AfterAll
  static void stop() {
    TestDatabase.closeAndDrop(server, url);
  }

  @Test
  void tenThousandHostileRequestsGetNo5xxAndNoHang() throws Exception {
    String token = Jwt.create(AuthJsonTest.AUTH).issue("fuzz", List.of(), Map.of());
    HttpFuzz fuzz = new HttpFuzz("127.0.0.1", server.port(), 1999)
        .get("/plaintext", "/json", "/db", "/queries?queries=5", "/updates?queries=2", "/fortunes", "/cached-queries?count=3",
            "/auth/json", "/health")
        .post("/echo")
        .request("GET /auth/json HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n\r\n",
            "GET /auth/json HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token.substring(0, token.length() - 2) + "\r\n\r\n",
            "GET /queries?queries=abc HTTP/1.1\r\nHost: x\r\n\r\n")
        .bodyHeader("Authorization: Bearer " + token);
    HttpFuzz.Report report = fuzz.run(10_000, 4);
    System.out.println("techempower fuzz: " + report);
    assertEquals(0, report.serverErrorCount(), report.toString());
    assertTrue(report.hangs().isEmpty(), report.toString());
    assertEquals(200, server.get("/health").statusCode());
    assertEquals(200, server.get("/db").statusCode());
  }
}
