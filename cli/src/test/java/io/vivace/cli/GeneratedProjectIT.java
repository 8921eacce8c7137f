package io.vivace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.db.DatabaseUrl;
import io.vivace.db.testing.TestDatabase;
import io.vivace.testing.JsonTree;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: {@code vivace new --features db,cache,auth}, two resources where one refers to the
 * other, the generated project's own build and tests (offline, {@code mvn -o}, against the framework
 * installed by this repository's {@code mvn install}), then its jar started with a {@code JWT_SECRET}
 * and called over HTTP: writes with and without a bearer token, an eager-loaded list, the cached
 * route, and the project's load-test profile ({@code -Pload}) for two seconds. Prints the time from
 * {@code new} to the first successful response.
 */
class GeneratedProjectIT {
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path tmp;
  /** The access token of the account the test signs up, once the app runs. */
  String token;

  @Test
  void aGeneratedProjectBuildsPassesItsTestsAndServes() throws Exception {
    String version = Versions.load().tool();
    Path repo = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
    for (String artifact : new String[] {"vivace-core", "vivace-db", "vivace-cache", "vivace-auth", "vivace-auth-module", "vivace-gatling"}) {
      Path jar = repo.resolve("io/vivace/" + artifact + "/" + version + "/" + artifact + "-" + version + ".jar");
      assertTrue(Files.isRegularFile(jar), jar + " is missing: the generated project builds against the installed "
          + "framework; run the repository's build with mvn install (README.md)");
    }

    long start = System.nanoTime();
    assertEquals(0, Cli.run("new", "bookshop", "--dir", tmp.toString(), "--features", "db,cache,auth").exit());
    Path project = tmp.resolve("bookshop");
    String dir = project.toString();
    Cli author = Cli.run("generate", "resource", "Author", "name:string!", "bio:text?", "--dir", dir);
    assertEquals(0, author.exit(), author.toString());
    Cli book = Cli.run("generate", "resource", "Book", "title:string", "pages:int?", "sold:long", "inPrint:bool",
        "price:decimal", "publishedAt:timestamp?", "releasedOn:date?", "code:uuid!", "isbn:string?!", "author:ref:Author",
        "--dir", dir);
    assertEquals(0, book.exit(), book.toString());

    long build = System.nanoTime();
    run(project, mvn(), "-B", "-o", "-q", "-Dmaven.repo.local=" + repo, "verify");
    long built = System.nanoTime();
    assertTrue(Files.isRegularFile(project.resolve("target/bookshop.jar")));
    for (String test : new String[] {"BookRoutesTest", "AuthorRoutesTest", "BookshopAppTest"}) {
      assertTrue(Files.readString(project.resolve("target/surefire-reports/com.example.bookshop." + test + ".txt"))
          .contains("Failures: 0, Errors: 0, Skipped: 0"), test);
    }

    // vivace openapi on the built jar: the whole document, without a database or JWT_SECRET
    Path openapi = tmp.resolve("bookshop-openapi.json");
    Cli exported = Cli.run("openapi", "--dir", dir, "-o", openapi.toString());
    assertEquals(0, exported.exit(), exported.toString());
    assertTrue(!exported.err().contains("declares no result type"), exported.err());
    io.vertx.core.json.JsonObject paths = new io.vertx.core.json.JsonObject(Files.readString(openapi)).getJsonObject("paths");
    assertEquals("createBook", paths.getJsonObject("/books").getJsonObject("post").getString("operationId"));
    assertEquals("cachedGreeting", paths.getJsonObject("/greetings/{name}").getJsonObject("get").getString("operationId"));

    DatabaseUrl db = TestDatabase.fresh();
    int port = freePort();
    ProcessBuilder pb = new ProcessBuilder(javaBin(), "-jar", "target/bookshop.jar").directory(project.toFile())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("app.log").toFile());
    pb.environment().put("PORT", Integer.toString(port));
    pb.environment().put("HOST", "127.0.0.1");
    pb.environment().put("JWT_SECRET", "bookshop-it-secret-" + UUID.randomUUID()); // required by the auth feature
    pb.environment().remove("REDIS_URL"); // login throttling in process: no counters shared with other tests
    pb.environment().put("DATABASE_URL", "postgres://" + db.user() + (db.password() == null ? "" : ":" + db.password())
        + "@" + db.host() + ":" + db.port() + "/" + db.database());
    long launch = System.nanoTime();
    Process app = pb.start();
    app.getOutputStream().close();
    try {
      String base = "http://127.0.0.1:" + port;
      awaitHealth(app, base, project);
      long served = System.nanoTime();
      System.out.printf("vivace new -> first successful response: %.1f s (new and two resources %.1f s, generated"
          + " build with its tests %.1f s, java -jar to first response %.1f s), one run%n", (served - start) / 1e9,
          (build - start) / 1e9, (built - build) / 1e9, (served - launch) / 1e9);
      exercise(base);
      loadProfile(project, base, repo);
    } finally {
      app.destroy();
      boolean exited = app.waitFor(30, TimeUnit.SECONDS);
      TestDatabase.drop(db);
      assertTrue(exited, "the app stops on SIGTERM");
      assertEquals(0, app.exitValue(), Files.readString(tmp.resolve("app.log")));
    }
  }

  void exercise(String base) throws Exception {
    String credentials = "{\"email\":\"ana@example.com\",\"password\":\"a long password\"}";
    assertEquals(201, send("POST", base + "/auth/signup", credentials).statusCode());
    HttpResponse<String> login = send("POST", base + "/auth/login", credentials);
    assertEquals(200, login.statusCode(), login.body());
    token = (String) JsonTree.object(login.body()).get("accessToken");

    HttpResponse<String> anonymous = send("POST", base + "/authors", "{\"name\":\"Ana\"}", null);
    assertEquals(401, anonymous.statusCode(), anonymous.body());
    assertEquals("Bearer", anonymous.headers().firstValue("www-authenticate").orElse(""));
    HttpResponse<String> ana = send("POST", base + "/authors", "{\"name\":\"Ana\"}");
    assertEquals(201, ana.statusCode(), ana.body());
    long anaId = (Long) JsonTree.object(ana.body()).get("id");
    for (int i = 1; i <= 2; i++) {
      String body = "{\"title\":\"Book " + i + "\",\"sold\":" + (i * 1000) + ",\"inPrint\":true,\"price\":19.90,"
          + "\"publishedAt\":\"2024-05-01T10:00:00Z\",\"releasedOn\":\"2024-05-02\","
          + "\"code\":\"00000000-0000-0000-0000-00000000000" + i + "\",\"authorId\":" + anaId + "}";
      HttpResponse<String> r = send("POST", base + "/books", body);
      assertEquals(201, r.statusCode(), r.body());
    }
    // The eager-loaded list: each author with their books, one query per relation.
    HttpResponse<String> authors = send("GET", base + "/authors?include=books", null, null); // reads are public
    assertEquals(200, authors.statusCode(), authors.body());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items = (List<Map<String, Object>>) JsonTree.object(authors.body()).get("items");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> books = (List<Map<String, Object>>) items.get(0).get("books");
    assertEquals(List.of("Book 1", "Book 2"), books.stream().map(b -> b.get("title")).toList(), authors.body());
    // a field named like a bean accessor (is…) keeps its name in JSON
    HttpResponse<String> withIsbn = send("POST", base + "/books", "{\"title\":\"Book 3\",\"sold\":1,\"inPrint\":false,"
        + "\"price\":1,\"code\":\"00000000-0000-0000-0000-000000000003\",\"isbn\":\"978-0-00\",\"authorId\":" + anaId + "}");
    assertEquals(201, withIsbn.statusCode(), withIsbn.body());
    assertEquals("978-0-00", JsonTree.object(withIsbn.body()).get("isbn"), withIsbn.body());

    HttpResponse<String> withAuthor = send("GET", base + "/books/1?include=author", null);
    assertEquals(200, withAuthor.statusCode(), withAuthor.body());
    Map<String, Object> one = JsonTree.object(withAuthor.body());
    assertInstanceOf(Map.class, one.get("author"));
    assertEquals("Ana", ((Map<?, ?>) one.get("author")).get("name"));
    assertEquals("2024-05-02", one.get("releasedOn"));

    HttpResponse<String> invalid = send("POST", base + "/books", "{\"title\":\" \",\"authorId\":987654}");
    assertEquals(422, invalid.statusCode(), invalid.body());
    assertEquals(List.of("#/title", "#/sold", "#/inPrint", "#/price", "#/code"),
        JsonTree.errors(invalid.body()).stream().map(e -> e.get("pointer")).toList());
    assertEquals(404, send("GET", base + "/books/99", null).statusCode());
    assertEquals(401, send("DELETE", base + "/books/2", null, null).statusCode(), "no token, no delete");
    assertEquals(409, send("DELETE", base + "/authors/" + anaId, null).statusCode(), "still referred to");
    assertEquals(204, send("DELETE", base + "/books/2", null).statusCode());
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> cached = send("GET", base + "/greetings/ana", null, null);
      assertEquals(200, cached.statusCode(), cached.body());
      assertEquals("Hello, ana!", JsonTree.object(cached.body()).get("message"));
    }
    HttpResponse<String> feed = send("GET", base + "/books/feed?limit=1", null);
    assertEquals(200, feed.statusCode(), feed.body());
    assertEquals(1, ((List<?>) JsonTree.object(feed.body()).get("items")).size());
  }

  /**
   * The generated load-test profile against the running app: two seconds, two users, the build fails
   * on any failed request. Not offline: a clean local repository may lack the exec plugin, which the
   * framework's own build never uses.
   */
  static void loadProfile(Path project, String base, Path repo) throws Exception {
    run(project, mvn(), "-B", "-q", "-Dmaven.repo.local=" + repo, "-Pload", "-DskipTests", "-DbaseUrl=" + base,
        "-Dduration=2", "-Dwarmup=0", "-Dconcurrency=2", "verify");
    try (Stream<Path> reports = Files.list(project.resolve("target/gatling"))) {
      assertTrue(reports.anyMatch(d -> Files.isRegularFile(d.resolve("index.html"))), "a Gatling report");
    }
  }

  /** {@code method uri} with the signed-in account's token. */
  HttpResponse<String> send(String method, String uri, String json) throws Exception {
    return send(method, uri, json, token);
  }

  /** {@code method uri} with {@code bearer} as token (null: none). */
  static HttpResponse<String> send(String method, String uri, String json, String bearer) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10));
    if (json != null) {
      b.header("content-type", "application/json");
    }
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static void run(Path dir, String... command) throws Exception {
    Path log = Files.createTempFile("vivace-build", ".log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    boolean done = p.waitFor(8, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    String output = Files.readString(log);
    Files.delete(log);
    assertTrue(done && p.exitValue() == 0, String.join(" ", command) + " failed:\n" + output);
  }

  /** Polls {@code /health} until it answers 200, for up to 90 s (an embedded PostgreSQL may start first). */
  static void awaitHealth(Process app, String base, Path project) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!app.isAlive()) {
        throw new AssertionError("the app exited: " + Files.readString(project.getParent().resolve("app.log")));
      }
      try {
        if (send("GET", base + "/health", null, null).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(50); // polling a real process's port: there is no clock to drive
    }
    throw new AssertionError("no answer from " + base + ": " + Files.readString(project.getParent().resolve("app.log")));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The Maven running this build (surefire passes maven.home), else mvn from the PATH. */
  static String mvn() {
    String home = System.getProperty("maven.home");
    return home == null || home.isBlank() ? "mvn" : Path.of(home, "bin", "mvn").toString();
  }
}
