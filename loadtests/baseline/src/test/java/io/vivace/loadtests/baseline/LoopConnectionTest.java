package io.vivace.loadtests.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.testing.TcpProxy;
import io.vivace.db.testing.TestDatabase;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The baseline's connection layout: one PostgreSQL connection per event loop (no pool), and a lost
 * connection answering 503 until it is back, then serving again by itself. The database is reached
 * through a {@link TcpProxy}, which the test cuts and restores.
 */
class LoopConnectionTest {
  private static final Path MIGRATION =
      Path.of("..", "..", "examples", "techempower", "src", "main", "resources", "db", "migration", "V1__world_and_fortune.sql");
  private static final int EVENT_LOOPS = 3;
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static DatabaseUrl url;
  private static TcpProxy proxy;
  private static Vertx vertx;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    url = TestDatabase.fresh();
    try (Connection c = jdbc(); Statement st = c.createStatement()) {
      st.execute(Files.readString(MIGRATION, StandardCharsets.UTF_8));
    }
    proxy = new TcpProxy(url.host(), url.port());
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String pg = "postgres://" + url.user() + (url.password() == null ? "" : ":" + url.password())
        + "@127.0.0.1:" + proxy.port() + "/" + url.database();
    vertx = BaselineServer.start("127.0.0.1", port, EVENT_LOOPS, pg).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      BaselineServer.close(vertx);
    }
    if (proxy != null) {
      proxy.close();
    }
    TestDatabase.drop(url);
  }

  private static Connection jdbc() throws Exception {
    return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
  }

  private static int status(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** Connections to the test database other than this JDBC one. */
  private static int serverConnections() throws Exception {
    try (Connection c = jdbc(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
             + " AND pid <> pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void oneConnectionPerEventLoopEvenUnderLoad() throws Exception {
    var pending = new java.util.ArrayList<java.util.concurrent.CompletableFuture<HttpResponse<Void>>>();
    for (int i = 0; i < 64; i++) {
      pending.add(CLIENT.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/queries?queries=20"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()));
    }
    for (var p : pending) {
      assertEquals(200, p.get(20, TimeUnit.SECONDS).statusCode());
    }
    assertEquals(EVENT_LOOPS, serverConnections());
  }

  @Test
  void aLostConnectionAnswers503ThenServesAgainByItself() throws Exception {
    assertEquals(200, status("/db"));
    proxy.cut();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      int seen = 0;
      while (seen != 503 && System.nanoTime() < deadline) {
        seen = status("/db"); // 500 for a query that was in flight when the connection went, then 503
        Thread.sleep(20);
      }
      assertEquals(503, seen, "while the database is unreachable");
    } finally {
      proxy.restore();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int ok = 0;
    // Every event loop must be back: several 200s in a row (requests spread over the loops' connections).
    while (ok < 3 * EVENT_LOOPS && System.nanoTime() < deadline) {
      ok = status("/db") == 200 ? ok + 1 : 0;
      Thread.sleep(10);
    }
    assertEquals(3 * EVENT_LOOPS, ok, "serving again after the database came back");
  }
}
