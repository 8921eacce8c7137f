package io.vivace.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.sqlclient.Tuple;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.RawHttp;
import io.vivace.testing.TestServer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** With a pool per event loop, every loop keeps using its own connection. */
class PerEventLoopTest {

  @Test
  void eachEventLoopQueriesThroughItsOwnConnection() throws Exception {
    DatabaseUrl url = TestDatabase.fresh();
    App app = Vivace.app(TestServer.options().eventLoops(2));
    Database db = Database.attach(app, new DbOptions().url(url).migrate(false).poolSize(2).perEventLoop(true));
    // one connection per loop (2 / 2): the backend pid identifies it
    app.get("/who", () -> db.one("SELECT pg_backend_pid()", Tuple.tuple(), r -> r.getInteger(0))
        .map(pid -> Thread.currentThread().getName() + " " + pid));
    TestServer server = TestServer.started(app);
    try {
      Map<String, Set<String>> pidsByLoop = new HashMap<>();
      for (int i = 0; i < 12; i++) {
        try (RawHttp raw = server.raw()) { // new connections land on alternating event loops
          for (int j = 0; j < 3; j++) {
            raw.write(RawHttp.get("/who"));
            String[] threadAndPid = raw.readOne().body().split(" ");
            pidsByLoop.computeIfAbsent(threadAndPid[0], k -> new HashSet<>()).add(threadAndPid[1]);
          }
        }
      }
      assertEquals(2, pidsByLoop.size(), "both event loops served: " + pidsByLoop);
      Set<String> all = new HashSet<>();
      for (Set<String> pids : pidsByLoop.values()) {
        assertEquals(1, pids.size(), "one connection per loop: " + pidsByLoop);
        all.addAll(pids);
      }
      assertEquals(2, all.size(), "no connection shared between loops: " + pidsByLoop);
      assertTrue(server.get("/health").statusCode() == 200);
    } finally {
      TestDatabase.closeAndDrop(server, url);
    }
  }
}
