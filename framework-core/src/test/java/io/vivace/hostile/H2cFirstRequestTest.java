package io.vivace.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vivace.extract.Body;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * With h2c on, Vert.x makes a cleartext connection's HTTP/1.x handler while it decodes the first
 * request; the first request's body, arriving after its head, must still be read whole.
 */
class H2cFirstRequestTest {

  @Test
  void theFirstRequestsBodyIsReadWholeWithH2cOn() throws Exception {
    try (TestServer s = TestServer.start(TestServer.options().h2c(true),
        app -> app.post("/named", Body.json(MalformedRequestTest.Named.class), n -> n))) {
      String json = "{\"name\":\"first\"}";
      try (RawHttp raw = s.raw()) {
        raw.write("POST /named HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + json.length()
            + "\r\n\r\n" + json.substring(0, 5));
        Thread.sleep(100);
        raw.write(json.substring(5));
        RawHttp.Response r = raw.readOne();
        assertEquals(200, r.status(), r.body());
        assertEquals(json, r.body());
        raw.write("POST /named HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + json.length()
            + "\r\n\r\n" + json);
        assertEquals(json, raw.readOne().body());
      }
      try (RawHttp raw = s.raw()) { // head and body in one write
        raw.write("POST /named HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + json.length()
            + "\r\n\r\n" + json);
        assertEquals(json, raw.readOne().body());
      }
    }
  }
}
