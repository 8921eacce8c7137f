package io.vivace.loadtests.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the baseline on a free port with two event loops and checks what wrk will hit.
 *
 * <p>With {@code DATABASE_URL} (a server where the test may create databases), the test creates a
 * fresh database there, fills it with the techempower example's migration, serves /db and
 * /fortunes from it and drops it afterwards. Without, it checks that /db and /fortunes answer 503.
 */
class BaselineServerTest {
  /** The techempower example's Flyway migration: the baseline serves the same tables and rows. */
  private static final Path MIGRATION =
      Path.of("..", "..", "examples", "techempower", "src", "main", "resources", "db", "migration", "V1__world_and_fortune.sql");

  private static Vertx vertx;
  private static int port;
  /** DATABASE_URL: the server where the test creates its database, or null. */
  private static String server;
  /** The test database's URL (postgres://...), or null when DATABASE_URL is unset. */
  private static String database;
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = System.getenv("DATABASE_URL");
    if (url != null && !url.isBlank()) {
      server = url.trim();
      database = freshDatabase();
    }
    vertx = BaselineServer.start("127.0.0.1", port, 2, database)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (vertx != null) {
        BaselineServer.close(vertx);
      }
    } finally {
      if (database != null) {
        admin("DROP DATABASE IF EXISTS " + DbEndpoints.connectOptions(database).getDatabase() + " WITH (FORCE)");
      }
    }
  }

  /** Creates {@code baseline_test_<random>} (UTF-8) on the server, migrated; returns its URL. */
  private static String freshDatabase() throws Exception {
    String name = "baseline_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    admin("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
    URI uri = URI.create(server);
    String url = uri.getScheme() + "://" + uri.getRawAuthority() + "/" + name;
    try (Connection c = jdbc(url); Statement st = c.createStatement()) {
      st.execute(Files.readString(MIGRATION, StandardCharsets.UTF_8));
    } catch (Exception e) {
      admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      throw e;
    }
    return url;
  }

  /** Runs {@code statement} connected to DATABASE_URL's own database. */
  private static void admin(String statement) throws SQLException {
    try (Connection c = jdbc(server); Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }

  /** A JDBC connection to a postgres:// URL, parsed by the baseline itself. */
  private static Connection jdbc(String url) throws SQLException {
    PgConnectOptions o = DbEndpoints.connectOptions(url);
    String info = URI.create(url).getRawUserInfo();
    String password = info != null && info.contains(":") ? o.getPassword() : null; // else Vert.x's default
    return DriverManager.getConnection("jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase(),
        o.getUser(), password);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The Date header parses as RFC 1123 and is within a minute of now. */
  private static String assertServerAndDate(HttpResponse<?> response) {
    assertEquals("Vert.x", response.headers().firstValue("Server").orElseThrow());
    String date = response.headers().firstValue("Date").orElseThrow();
    ZonedDateTime parsed = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME);
    long skew = Math.abs(Duration.between(parsed, ZonedDateTime.now()).toSeconds());
    assertTrue(skew < 60, "Date too far from now: " + date);
    return date;
  }

  @Test
  void plaintext() throws Exception {
    HttpResponse<String> r = get("/plaintext");
    assertEquals(200, r.statusCode());
    assertEquals("Hello, World!", r.body());
    assertEquals("text/plain", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("13", r.headers().firstValue("Content-Length").orElseThrow());
    assertServerAndDate(r);
  }

  @Test
  void json() throws Exception {
    HttpResponse<String> r = get("/json");
    assertEquals(200, r.statusCode());
    assertEquals("{\"message\":\"Hello, World!\"}", r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(String.valueOf(r.body().length()), r.headers().firstValue("Content-Length").orElseThrow());
    assertServerAndDate(r);
    // The reused writer must not leak the previous response into the next one.
    assertEquals(r.body(), get("/json").body());
  }

  private static final Pattern WORLD = Pattern.compile("\\{\"id\":(\\d+),\"randomNumber\":(\\d+)}");

  @Test
  void db() throws Exception {
    HttpResponse<String> r = get("/db");
    assertServerAndDate(r);
    if (database == null) {
      assertEquals(503, r.statusCode(), "no DATABASE_URL: /db is unavailable");
      assertEquals("", r.body());
      return;
    }
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(String.valueOf(r.body().length()), r.headers().firstValue("Content-Length").orElseThrow());
    Matcher m = WORLD.matcher(r.body());
    assertTrue(m.matches(), r.body());
    int id = Integer.parseInt(m.group(1));
    assertTrue(id >= 1 && id <= 10_000, r.body());
    // The number is the row's, read from the database.
    try (Connection c = jdbc(database);
        PreparedStatement st = c.prepareStatement("SELECT randomnumber FROM world WHERE id = ?")) {
      st.setInt(1, id);
      try (ResultSet rs = st.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(rs.getInt(1), Integer.parseInt(m.group(2)), r.body());
      }
    }
  }

  @Test
  void dbUnderConcurrencyAnswersEveryRequest() throws Exception {
    if (database == null) {
      return; // db() checks the 503
    }
    // More requests in flight than pooled connections: they queue and pipeline on the shared pool.
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      all.add(CLIENT.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/db"))
          .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> f : all) {
      HttpResponse<String> r = f.get(30, TimeUnit.SECONDS);
      assertEquals(200, r.statusCode());
      assertTrue(WORLD.matcher(r.body()).matches(), r.body());
    }
  }

  @Test
  void cachedQueries() throws Exception {
    HttpResponse<String> r = get("/cached-queries?count=20");
    assertServerAndDate(r);
    if (database == null) {
      assertEquals(503, r.statusCode(), "no DATABASE_URL: /cached-queries is unavailable");
      return;
    }
    for (String path : new String[] {"/cached-queries?count=20", "/cached-queries?count=20", "/cached-queries?count=foo",
        "/cached-queries", "/cached-queries?count=501"}) {
      r = get(path);
      assertEquals(200, r.statusCode(), r.body());
      assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
      Matcher m = WORLD.matcher(r.body());
      int n = 0;
      try (Connection c = jdbc(database);
          PreparedStatement st = c.prepareStatement("SELECT randomnumber FROM world WHERE id = ?")) {
        while (m.find()) {
          n++;
          st.setInt(1, Integer.parseInt(m.group(1)));
          try (ResultSet rs = st.executeQuery()) {
            assertTrue(rs.next());
            assertEquals(rs.getInt(1), Integer.parseInt(m.group(2)), "cached row " + m.group(1) + " as in the table");
          }
        }
      }
      int expected = path.endsWith("=20") ? 20 : path.endsWith("=501") ? 500 : 1;
      assertEquals(expected, n, path);
      assertTrue(r.body().startsWith("[") && r.body().endsWith("]"), r.body());
    }
  }

  /** What TechEmpower's verifier expects, byte for byte as the techempower example renders it. */
  private static final String FORTUNES = "<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>"
      + "<tr><th>id</th><th>message</th></tr>"
      + "<tr><td>11</td><td>&lt;script&gt;alert(\"This should not be displayed in a browser alert box.\");&lt;/script&gt;</td></tr>"
      + "<tr><td>4</td><td>A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1</td></tr>"
      + "<tr><td>5</td><td>A computer program does what you tell it to do, not what you want it to do.</td></tr>"
      + "<tr><td>2</td><td>A computer scientist is someone who fixes things that aren't broken.</td></tr>"
      + "<tr><td>8</td><td>A list is only as strong as its weakest link. \u2014 Donald Knuth</td></tr>"
      + "<tr><td>0</td><td>Additional fortune added at request time.</td></tr>"
      + "<tr><td>3</td><td>After enough decimal places, nobody gives a damn.</td></tr>"
      + "<tr><td>7</td><td>Any program that runs right is obsolete.</td></tr>"
      + "<tr><td>10</td><td>Computers make very fast, very accurate mistakes.</td></tr>"
      + "<tr><td>6</td><td>Emacs is a nice operating system, but I prefer UNIX. \u2014 Tom Christaensen</td></tr>"
      + "<tr><td>9</td><td>Feature: A bug with seniority.</td></tr>"
      + "<tr><td>1</td><td>fortune: No such file or directory</td></tr>"
      + "<tr><td>12</td><td>\u30d5\u30ec\u30fc\u30e0\u30ef\u30fc\u30af\u306e\u30d9\u30f3\u30c1\u30de\u30fc\u30af</td></tr>"
      + "</table></body></html>\n"; // the template file's last line break

  @Test
  void fortunes() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fortunes"))
        .timeout(Duration.ofSeconds(10)).build();
    HttpResponse<byte[]> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    assertServerAndDate(r);
    if (database == null) {
      assertEquals(503, r.statusCode(), "no DATABASE_URL: /fortunes is unavailable");
      return;
    }
    assertEquals(200, r.statusCode());
    assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(String.valueOf(r.body().length), r.headers().firstValue("Content-Length").orElseThrow());
    String html = new String(r.body(), StandardCharsets.UTF_8);
    // The points of the rules, each on its own, then the whole page.
    assertEquals(14, count(html, "<tr>"), "a header row and 12 + 1 fortunes");
    assertTrue(html.contains("&lt;script&gt;alert("), "escaped markup");
    assertTrue(html.contains("\u30d5\u30ec\u30fc\u30e0\u30ef\u30fc\u30af"), "raw UTF-8, no numeric references");
    assertTrue(html.indexOf("<td>0</td>") < html.indexOf("<td>3</td>"), "sorted by message");
    assertEquals(FORTUNES, html);
  }

  @Test
  void unknownPathIs404WithHeaders() throws Exception {
    HttpResponse<String> r = get("/nope");
    assertEquals(404, r.statusCode());
    assertServerAndDate(r);
  }

  @Test
  void dateIsRefreshedByTheTimer() throws Exception {
    String before = assertServerAndDate(get("/plaintext"));
    Thread.sleep(2100); // at least two ticks of the one-second timer, the last a second or more later
    String after = assertServerAndDate(get("/plaintext"));
    assertNotEquals(before, after);
  }

  @Test
  void pipelinedRequestsAllGetAnswers() throws Exception {
    // wrk's pipeline script sends many requests in one write, as TechEmpower's plaintext test does.
    String one = "GET /plaintext HTTP/1.1\r\nHost: localhost\r\n\r\n";
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((one.repeat(16)).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder received = new StringBuilder();
      byte[] buf = new byte[8192];
      while (count(received, "Hello, World!") < 16) {
        int n = in.read(buf);
        assertTrue(n > 0, "connection closed after: " + received);
        received.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
      }
      assertEquals(16, count(received, "HTTP/1.1 200 OK"));
    }
  }

  private static int count(CharSequence text, String needle) {
    int n = 0;
    for (int i = text.toString().indexOf(needle); i >= 0; i = text.toString().indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
