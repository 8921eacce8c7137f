package io.vivace.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.config.Config;
import io.vivace.config.VivaceOptions;
import io.vivace.extract.Body;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client trickling its body is answered 408 and cut off after {@code VIVACE_BODY_TIMEOUT}. */
class SlowBodyTest {

  @Test
  void aTricklingBodyGets408AndAClose() throws Exception {
    try (TestServer s = TestServer.start(TestServer.options().bodyTimeoutMs(500),
        app -> app.post("/named", Body.json(MalformedRequestTest.Named.class), n -> n))) {
      try (RawHttp raw = s.raw()) {
        raw.write("POST /named HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{");
        long t0 = System.nanoTime();
        for (int i = 0; i < 3; i++) {
          Thread.sleep(200);
          raw.write(" "); // a byte now and then: the idle timeout never fires
        }
        RawHttp.Response r = raw.readOne();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(408, r.status(), r.body());
        assertEquals("close", r.header("connection"));
        assertTrue(raw.closedWithin(2_000), "closed");
        assertTrue(ms < 5_000, "answered after " + ms + " ms");
      }
      // a body that arrives in time is served
      assertEquals(200, s.postJson("/named", "{\"name\":\"a\"}").statusCode());
    }
  }

  @Test
  void theBoundIsASetting() {
    assertEquals(VivaceOptions.DEFAULT_BODY_TIMEOUT_MS, VivaceOptions.from(new Config(Map.of(), new java.util.Properties())).bodyTimeoutMs());
    assertEquals(1500, VivaceOptions.from(new Config(Map.of("VIVACE_BODY_TIMEOUT", "1500"), new java.util.Properties())).bodyTimeoutMs());
    assertEquals(0, VivaceOptions.from(new Config(Map.of("VIVACE_BODY_TIMEOUT", "0"), new java.util.Properties())).bodyTimeoutMs());
  }
}
