package io.vivace.loadtests.gatling.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class WrkTest {
  @Test
  void readsRequestsPerSecondAndErrors() throws Exception {
    String out = """
        Running 10s test @ http://127.0.0.1:8080/db
          1 threads and 64 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     2.61ms    1.02ms  21.35ms   88.31%
            Req/Sec    24.67k     1.12k   26.50k    71.00%
          245594 requests in 10.00s, 34.91MB read
          Socket errors: connect 0, read 3, write 0, timeout 0
          Non-2xx or 3xx responses: 12
        Requests/sec:  24552.88
        Transfer/sec:      3.49MB
        """;
    Wrk.Result r = Wrk.parse(out);
    assertEquals(24552.88, r.rps(), 1e-9);
    assertEquals(12, r.errors());
    assertEquals("Socket errors: connect 0, read 3, write 0, timeout 0", r.note());
    assertEquals(new Wrk.Result(100.5, 0, ""), Wrk.parse("Requests/sec: 100.5\n"));
  }

  @Test
  void outputWithoutAResultIsAnError() {
    assertThrows(IOException.class, () -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused"));
  }

  @Test
  void pathsUseTheScenariosFixedRequest() {
    assertEquals("/queries?queries=20", Wrk.path(Scenario.QUERIES, 20));
    assertEquals("/cached-queries?count=5", Wrk.path(Scenario.CACHED_QUERIES, 5));
    assertEquals("/posts/1?include=author,comments,tags", Wrk.path(Scenario.BLOG_EAGER, 20));
  }
}
