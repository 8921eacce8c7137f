package io.vivace.loadtests.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vivace.db.DatabaseUrl;
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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /queries} and {@code /updates} on the baseline, on a fresh database (DATABASE_URL's server
 * or an embedded one) filled by the techempower example's migration.
 */
class WorldQueriesTest {
  private static final Path MIGRATION =
      Path.of("..", "..", "examples", "techempower", "src", "main", "resources", "db", "migration", "V1__world_and_fortune.sql");
  private static final Pattern WORLD = Pattern.compile("\\{\"id\":(\\d+),\"randomNumber\":(\\d+)}");
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static DatabaseUrl url;
  private static Vertx vertx;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    url = TestDatabase.fresh();
    try (Connection c = jdbc(); Statement st = c.createStatement()) {
      st.execute(Files.readString(MIGRATION, StandardCharsets.UTF_8));
    }
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String pg = "postgres://" + url.user() + (url.password() == null ? "" : ":" + url.password())
        + "@" + url.host() + ":" + url.port() + "/" + url.database();
    vertx = BaselineServer.start("127.0.0.1", port, 2, pg).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      BaselineServer.close(vertx);
    }
    TestDatabase.drop(url);
  }

  private static Connection jdbc() throws Exception {
    return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The worlds of a JSON array body, id to randomNumber, checking the array's exact shape. */
  private static Map<Integer, Integer> worlds(String body, int expected) {
    assertTrue(body.startsWith("[") && body.endsWith("]"), body);
    Map<Integer, Integer> out = new HashMap<>();
    Matcher m = WORLD.matcher(body);
    int count = 0;
    StringBuilder rebuilt = new StringBuilder("[");
    while (m.find()) {
      rebuilt.append(count++ == 0 ? "" : ",").append(m.group());
      int id = Integer.parseInt(m.group(1));
      assertTrue(id >= 1 && id <= 10_000, body);
      out.put(id, Integer.parseInt(m.group(2)));
    }
    assertEquals(body, rebuilt.append(']').toString(), "a plain array of worlds");
    assertEquals(expected, count, body);
    return out;
  }

  @Test
  void queriesClampLikeTheRules() throws Exception {
    HttpResponse<String> r = get("/queries?queries=20");
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    worlds(r.body(), 20);
    worlds(get("/queries").body(), 1);
    worlds(get("/queries?queries=abc").body(), 1);
    worlds(get("/queries?queries=0").body(), 1);
    worlds(get("/queries?queries=501").body(), 500);
  }

  @Test
  void updatesPersistTheNumbersTheyAnswer() throws Exception {
    HttpResponse<String> r = get("/updates?queries=10");
    assertEquals(200, r.statusCode());
    Map<Integer, Integer> answered = worlds(r.body(), 10);
    try (Connection c = jdbc(); Statement st = c.createStatement()) {
      for (Map.Entry<Integer, Integer> e : answered.entrySet()) {
        try (ResultSet rs = st.executeQuery("SELECT randomnumber FROM world WHERE id = " + e.getKey())) {
          assertTrue(rs.next());
          assertEquals(e.getValue().intValue(), rs.getInt(1), "world " + e.getKey());
        }
      }
    }
  }

  @Test
  void countParsesLikeTheTechEmpowerExample() {
    assertEquals(1, WorldQueries.count(null));
    assertEquals(1, WorldQueries.count(""));
    assertEquals(1, WorldQueries.count("-3"));
    assertEquals(1, WorldQueries.count("12x"));
    assertEquals(15, WorldQueries.count("15"));
    assertEquals(500, WorldQueries.count("99999999999999999999"));
  }
}
