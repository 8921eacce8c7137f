package io.vivace.examples.techempower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules of the TechEmpower plaintext and JSON test types, checked on the wire. */
class TechEmpowerAppTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.started(TechEmpowerApp.create(TestServer.options()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void assertRequiredHeaders(RawHttp.Response r) {
    assertTrue(r.header("server") != null && !r.header("server").isEmpty(), "Server header");
    assertTrue(r.header("date") != null && r.header("date").endsWith(" GMT"), "Date header");
    assertTrue(r.header("content-length") != null, "Content-Length");
    assertEquals(null, r.header("content-encoding"), "no compression");
  }

  @Test
  void json() throws Exception {
    try (RawHttp raw = server.raw()) {
      raw.write("GET /json HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip, deflate\r\n\r\n");
      RawHttp.Response r = raw.readOne();
      assertEquals(200, r.status());
      assertEquals("application/json", r.header("content-type"));
      assertEquals("{\"message\":\"Hello, World!\"}", r.body());
      assertRequiredHeaders(r);
    }
  }

  @Test
  void plaintextWithPipeliningDepth16() throws Exception {
    try (RawHttp raw = server.raw()) {
      raw.write(RawHttp.get("/plaintext").repeat(16));
      List<RawHttp.Response> responses = raw.read(16);
      for (RawHttp.Response r : responses) {
        assertEquals(200, r.status());
        assertEquals("text/plain", r.header("content-type"));
        assertEquals("Hello, World!", r.body());
        assertRequiredHeaders(r);
      }
    }
  }
}
