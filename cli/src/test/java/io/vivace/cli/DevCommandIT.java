package io.vivace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vivace dev} in a generated project, as a user runs it (its own JVM, no {@code DATABASE_URL}):
 * it starts, serves; an edited source answers within a deadline (the time is printed); a compile
 * error is printed while the last good version keeps serving; a new migration applies on the reload
 * on the same embedded database; SIGTERM (what Ctrl-C's SIGINT also does) leaves neither the app nor
 * the database running. Needs the framework installed in the local repository, like
 * {@link GeneratedProjectIT}.
 */
class DevCommandIT {
  @TempDir
  Path tmp;
  final List<String> lines = new CopyOnWriteArrayList<>();

  @Test
  void editsReloadErrorsKeepTheLastGoodVersionAndNothingOutlivesIt() throws Exception {
    Path repo = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
    assertEquals(0, Cli.run("new", "shop", "--dir", tmp.toString()).exit());
    Path project = tmp.resolve("shop");
    assertEquals(0, Cli.run("generate", "resource", "Book", "title:string", "--dir", project.toString()).exit());
    int port = GeneratedProjectIT.freePort();
    Process dev = startDev(project, port, repo);
    try {
      String base = "http://127.0.0.1:" + port;
      awaitLine(l -> l.startsWith("Started in "), 600);
      assertEquals("{\"message\":\"Hello, ana!\"}", get(base + "/hello/ana"));

      Path app = project.resolve("src/main/java/com/example/shop/ShopApp.java");
      String source = Files.readString(app);
      long saved = System.nanoTime();
      Files.writeString(app, source.replace("\"Hello\"", "\"Olá\""));
      awaitAnswer(base + "/hello/ana", "{\"message\":\"Olá, ana!\"}", 120);
      double seconds = (System.nanoTime() - saved) / 1e9;
      System.out.printf("DevCommandIT: save to new answer %.2f s (%s)%n", seconds,
          lines.stream().filter(l -> l.startsWith("Reloaded in ")).reduce((a, b) -> b).orElse(""));

      Files.writeString(app, source.replace("\"Hello\"", "\"Hi\" +"));
      awaitLine(l -> l.startsWith("Compile error; the last good version keeps serving"), 120);
      awaitLine(l -> l.contains("ShopApp.java:"), 10);
      assertEquals("{\"message\":\"Olá, ana!\"}", get(base + "/hello/ana"), "the last good version serves");

      String url = lines.stream().filter(l -> l.startsWith("Database: ")).findFirst().orElseThrow().substring(10);
      Files.writeString(project.resolve("src/main/resources/db/migration/V99990101000000__notes.sql"),
          "CREATE TABLE notes (id bigserial PRIMARY KEY, body text NOT NULL);\n");
      Files.writeString(app, source.replace("\"Hello\"", "\"Hallo\""));
      awaitAnswer(base + "/hello/ana", "{\"message\":\"Hallo, ana!\"}", 120);
      io.vivace.db.DatabaseUrl db = io.vivace.db.DatabaseUrl.parse("DATABASE_URL", url);
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
          ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM notes")) {
        assertTrue(rs.next(), "the new migration ran on the reload");
      }

      long appPid = Long.parseLong(lines.stream().filter(l -> l.contains("(app pid ")).reduce((a, b) -> b).orElseThrow()
          .replaceAll(".*\\(app pid (\\d+)[;)].*", "$1"));
      Path data = project.resolve(".vivace/shop/postgres");
      long pgPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
      dev.destroy(); // SIGTERM
      assertTrue(dev.waitFor(60, TimeUnit.SECONDS), "vivace dev ended");
      awaitGone(appPid, "the app");
      awaitGone(pgPid, "the embedded PostgreSQL");
    } finally {
      dev.destroyForcibly();
      dev.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private Process startDev(Path project, int port, Path repo) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(GeneratedProjectIT.javaBin(), "-cp", System.getProperty("java.class.path"),
        VivaceCli.class.getName(), "dev", "--dir", project.toString(), "--mvn", GeneratedProjectIT.mvn())
        .redirectErrorStream(true);
    pb.environment().remove("DATABASE_URL");
    pb.environment().remove("REDIS_URL");
    pb.environment().put("PORT", Integer.toString(port));
    pb.environment().put("MAVEN_OPTS", "-Dmaven.repo.local=" + repo);
    Process dev = pb.start();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(dev.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l = r.readLine(); l != null; l = r.readLine()) {
          lines.add(l);
        }
      } catch (IOException ended) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    return dev;
  }

  /** A redis project: vivace dev starts a redis-server that keeps its data across reloads and ends with it. */
  @Test
  void aRedisProjectGetsARedisServerThatOutlivesReloads() throws Exception {
    Path repo = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
    assertEquals(0, Cli.run("new", "cached", "--dir", tmp.toString(), "--features", "db,redis").exit());
    Path project = tmp.resolve("cached");
    int port = GeneratedProjectIT.freePort();
    Process dev = startDev(project, port, repo);
    try {
      String base = "http://127.0.0.1:" + port;
      awaitLine(l -> l.startsWith("Started in "), 600);
      String url = lines.stream().filter(l -> l.startsWith("Redis: ")).findFirst().orElseThrow();
      int redisPort = Integer.parseInt(url.replaceAll("Redis: redis://127\\.0\\.0\\.1:(\\d+) .*", "$1"));
      assertEquals("{\"message\":\"Hello, ana!\"}", get(base + "/greetings/ana"));
      assertEquals("+OK", redis(redisPort, "SET", "vivace-dev-mark", "kept"));
      Path app = project.resolve("src/main/java/com/example/cached/CachedApp.java");
      Files.writeString(app, Files.readString(app).replace("\"Hello\"", "\"Hej\""));
      awaitAnswer(base + "/hello/ana", "{\"message\":\"Hej, ana!\"}", 120);
      assertEquals("$4", redis(redisPort, "GET", "vivace-dev-mark"), "the same redis-server after the reload");
      dev.destroy();
      assertTrue(dev.waitFor(60, TimeUnit.SECONDS), "vivace dev ended");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (redisAnswers(redisPort)) {
        assertTrue(System.nanoTime() < deadline, "the redis-server still runs");
        Thread.sleep(100);
      }
    } finally {
      dev.destroyForcibly();
      dev.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** One RESP command on a new connection; the first line of the answer. */
  private static String redis(int port, String... args) throws IOException {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      StringBuilder b = new StringBuilder("*" + args.length + "\r\n");
      for (String a : args) {
        b.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
      }
      s.getOutputStream().write(b.toString().getBytes(StandardCharsets.UTF_8));
      return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }
  }

  private static boolean redisAnswers(int port) {
    try {
      return redis(port, "PING") != null;
    } catch (IOException gone) {
      return false;
    }
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> r = GeneratedProjectIT.send("GET", url, null, null);
    return r.body();
  }

  private void awaitAnswer(String url, String body, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = get(url);
        if (body.equals(last)) {
          return;
        }
      } catch (IOException restarting) {
        last = restarting.toString();
      }
      Thread.sleep(20); // polling a real process: no clock to drive
    }
    throw new AssertionError("no " + body + " from " + url + " within " + seconds + " s (last: " + last + "):\n"
        + String.join("\n", lines));
  }

  private void awaitLine(Predicate<String> line, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (lines.stream().anyMatch(line)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("vivace dev did not print the expected line within " + seconds + " s:\n" + String.join("\n", lines));
  }

  private static void awaitGone(long pid, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      assertTrue(System.nanoTime() < deadline, what + " (pid " + pid + ") is still running");
      Thread.sleep(100);
    }
  }
}
