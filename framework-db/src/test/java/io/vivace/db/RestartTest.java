package io.vivace.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.sqlclient.Tuple;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.db.embedded.impl.EmbeddedPostgres;
import io.vivace.db.testing.TcpProxy;
import io.vivace.testing.TestServer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL server itself stops and starts again; the app recovers, and still stops cleanly. */
class RestartTest {

  @Test
  void servesAgainAfterTheDatabaseServerRestarts(@TempDir Path data) throws Exception {
    EmbeddedPostgres pg = EmbeddedPostgres.start(data);
    // The restarted server gets a new port; the proxy keeps the app's address the same.
    try (TcpProxy proxy = new TcpProxy(pg.host(), pg.port())) {
      App app = Vivace.app(TestServer.options());
      Database db = Database.attach(app, new DbOptions()
          .url(new DatabaseUrl("127.0.0.1", proxy.port(), pg.database(), pg.user(), null)).migrate(false)
          .acquireTimeoutMs(1_000));
      app.get("/count", () -> db.one("SELECT count(*)::int FROM kept", Tuple.tuple(), r -> r.getInteger(0)).map(String::valueOf));
      TestServer server = TestServer.started(app);
      db.execute("CREATE TABLE kept (id INT)", Tuple.tuple()).toCompletionStage().toCompletableFuture().join();
      db.execute("INSERT INTO kept VALUES (1), (2)", Tuple.tuple()).toCompletionStage().toCompletableFuture().join();
      assertEquals("2", server.get("/count").body());

      pg.close();
      long t0 = System.nanoTime();
      assertEquals(503, server.get("/count").statusCode());
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(ms < 3_000, "503 within the 1 s acquire timeout, took " + ms + " ms");

      pg = EmbeddedPostgres.start(data);
      proxy.retarget(pg.port());
      String body = null;
      for (int i = 0; i < 50 && !"2".equals(body); i++) { // bounded: about 5 s at most
        body = server.get("/count").body();
        if (!"2".equals(body)) {
          Thread.sleep(100);
        }
      }
      assertEquals("2", body, "recovered, and the data survived the restart");
      long s0 = System.nanoTime();
      server.close();
      long stopMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - s0);
      assertTrue(stopMs < 15_000, "stopped in " + stopMs + " ms");
    } finally {
      pg.close();
    }
  }
}
