package io.vivace.examples.techempower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /echo}, the load tests' JSON POST scenario: the body comes back as it was sent. */
class EchoTest {
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

  private static RawHttp.Response post(String body) throws Exception {
    try (RawHttp raw = server.raw()) {
      raw.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
          + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
      return raw.readOne();
    }
  }

  @Test
  void echoesTheBody() throws Exception {
    String body = "{\"id\":42,\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"tags\":[\"analytical\",\"engine\"]}";
    RawHttp.Response r = post(body);
    assertEquals(200, r.status());
    assertEquals("application/json", r.header("content-type"));
    assertEquals(body, r.body());
  }

  @Test
  void malformedJsonIsAProblem() throws Exception {
    RawHttp.Response r = post("{\"id\":");
    assertEquals(400, r.status());
    assertEquals("application/problem+json", r.header("content-type"));
  }
}
