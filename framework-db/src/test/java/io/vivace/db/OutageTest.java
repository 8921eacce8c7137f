package io.vivace.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.sqlclient.Tuple;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.db.testing.TcpProxy;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.JsonTree;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The database goes away while the app runs, then comes back. */
class OutageTest {

  @Test
  void requestsGet503QuicklyAndServiceResumesByItself() throws Exception {
    DatabaseUrl url = TestDatabase.fresh();
    try (TcpProxy proxy = new TcpProxy(url.host(), url.port())) {
      App app = Vivace.app(TestServer.options());
      Database db = Database.attach(app, new DbOptions().url(new DatabaseUrl("127.0.0.1", proxy.port(), url.database(),
          url.user(), url.password())).migrate(false).acquireTimeoutMs(2_000));
      app.get("/now", () -> db.one("SELECT 42", Tuple.tuple(), r -> r.getInteger(0)).map(String::valueOf));
      try (TestServer server = TestServer.started(app)) {
        assertEquals("42", server.get("/now").body());

        proxy.cut();
        for (int i = 0; i < 3; i++) {
          long t0 = System.nanoTime();
          HttpResponse<String> down = server.get("/now");
          long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
          assertEquals(503, down.statusCode(), down.body());
          assertTrue(down.headers().firstValue("retry-after").isPresent(), "a 503 says when to retry");
          assertEquals("application/problem+json", down.headers().firstValue("content-type").orElseThrow());
          assertTrue(ms < 3_000, "answered in " + ms + " ms");
        }
        HttpResponse<String> health = server.get("/health");
        assertEquals(503, health.statusCode());
        assertEquals("DOWN", ((java.util.Map<?, ?>) JsonTree.object(health.body()).get("checks")).get("db"));

        proxy.restore();
        String body = null;
        for (int i = 0; i < 50 && !"42".equals(body); i++) { // bounded: about 5 s at most
          body = server.get("/now").body();
          if (!"42".equals(body)) {
            Thread.sleep(100);
          }
        }
        assertEquals("42", body, "service resumed without a restart");
        assertEquals(200, server.get("/health").statusCode());
      }
    } finally {
      TestDatabase.drop(url);
    }
  }
}
