package io.vivace.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.sqlclient.Tuple;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.db.testing.TcpProxy;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.JsonTree;
import io.vivace.testing.PrometheusText;
import io.vivace.testing.PrometheusText.Sample;
import io.vivace.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The database's meters on {@code /metrics} and its readiness check, against a real PostgreSQL
 * (cut off and brought back through a {@link TcpProxy}).
 */
class DbMetricsTest {

  private static List<Sample> scrape(TestServer s) {
    HttpResponse<String> r = s.get("/metrics");
    assertEquals(200, r.statusCode());
    return PrometheusText.parse(r.body());
  }

  @Test
  void queriesErrorsConnectionsReconnectsAndReadiness() throws Exception {
    DatabaseUrl url = TestDatabase.fresh();
    try (TcpProxy proxy = new TcpProxy(url.host(), url.port())) {
      App app = Vivace.app(TestServer.options());
      Database db = Database.attach(app, new DbOptions().url(new DatabaseUrl("127.0.0.1", proxy.port(), url.database(),
          url.user(), url.password())).migrate(false).acquireTimeoutMs(2_000));
      app.get("/now", () -> db.one("SELECT 42", Tuple.tuple(), r -> r.getInteger(0)).map(String::valueOf));
      app.get("/two", () -> db.one("SELECT * FROM (VALUES (1), (2)) v", Tuple.tuple(), r -> r.getInteger(0)));
      app.get("/bad", () -> db.execute("SELECT no_such_column FROM pg_class", Tuple.tuple()));
      app.get("/batch", () -> db.batch("SELECT $1::int", List.of(Tuple.of(1), Tuple.of(2))));
      try (TestServer s = TestServer.started(app)) {
        assertEquals(200, s.get("/health/ready").statusCode());
        List<Sample> before = scrape(s);
        assertEquals(0.0, PrometheusText.value(before, "vivace_db_queries_total"));
        assertEquals(1.0, PrometheusText.value(before, "vivace_db_connections", "loop", "0"));
        assertEquals(1.0, PrometheusText.value(before, "vivace_db_connections", "loop", "1"));
        assertEquals(0.0, PrometheusText.value(before, "vivace_db_reconnects_total"));

        for (int i = 0; i < 5; i++) {
          assertEquals("42", s.get("/now").body());
        }
        assertEquals(500, s.get("/two").statusCode());
        assertEquals(500, s.get("/bad").statusCode());
        assertEquals("2", s.get("/batch").body());

        List<Sample> after = scrape(s);
        assertEquals(8.0, PrometheusText.value(after, "vivace_db_queries_total"));
        assertEquals(8.0, PrometheusText.value(after, "vivace_db_query_seconds_count"));
        assertTrue(PrometheusText.value(after, "vivace_db_query_seconds_sum") > 0);
        assertEquals(8.0, PrometheusText.value(after, "vivace_db_query_seconds_bucket", "le", "+Inf"));
        assertEquals(0.0, PrometheusText.value(after, "vivace_db_queries_in_flight"));
        assertEquals(1.0, PrometheusText.value(after, "vivace_db_errors_total", "class", "too_many_rows"));
        assertEquals(1.0, PrometheusText.value(after, "vivace_db_errors_total", "class", "other"));
        assertEquals(0.0, PrometheusText.value(after, "vivace_db_errors_total", "class", "unavailable"));

        proxy.cut();
        assertEquals(503, s.get("/now").statusCode());
        HttpResponse<String> ready = s.get("/health/ready");
        assertEquals(503, ready.statusCode(), ready.body());
        assertEquals("not ready: db down", JsonTree.object(ready.body()).get("detail"));
        assertEquals(200, s.get("/health/live").statusCode(), "the process is alive all the same");
        List<Sample> down = scrape(s);
        assertTrue(PrometheusText.value(down, "vivace_db_errors_total", "class", "unavailable") >= 1);

        proxy.restore();
        double reconnects = 0;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while ((reconnects < 2 || s.get("/health/ready").statusCode() != 200) && System.nanoTime() < deadline) {
          Thread.sleep(100);
          reconnects = PrometheusText.value(scrape(s), "vivace_db_reconnects_total");
        }
        assertEquals(2.0, reconnects, "both loops' connections opened again");
        assertEquals(200, s.get("/health/ready").statusCode());
        List<Sample> back = scrape(s);
        assertEquals(1.0, PrometheusText.value(back, "vivace_db_connections", "loop", "0"));
        assertEquals(1.0, PrometheusText.value(back, "vivace_db_connections", "loop", "1"));
      }
    } finally {
      TestDatabase.drop(url);
    }
  }

  @Test
  void withMetricsOffQueriesAndReadinessStillWork() throws Exception {
    DatabaseUrl url = TestDatabase.fresh();
    App app = Vivace.app(TestServer.options().metrics(false));
    Database db = Database.attach(app, new DbOptions().url(url).migrate(false));
    app.get("/now", () -> db.one("SELECT 42", Tuple.tuple(), r -> r.getInteger(0)).map(String::valueOf));
    try (TestServer s = TestServer.started(app)) {
      assertEquals("42", s.get("/now").body());
      assertEquals(404, s.get("/metrics").statusCode());
      assertEquals(200, s.get("/health/ready").statusCode());
    } finally {
      TestDatabase.drop(url);
    }
  }
}
