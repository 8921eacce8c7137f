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
 * it starts, serves; edited sources answer within a deadline (the times are printed), reloaded in the
 * same app JVM (the same pid); a compile error is printed while the last good version keeps serving;
 * a new migration applies on the reload on the same embedded database; a pom.xml change starts a new
 * app JVM (a new pid; the old one ends); SIGTERM (what Ctrl-C's SIGINT also does) leaves neither the
 * app nor the database running. Needs the framework installed in the local repository, like
 * {@link GeneratedProjectIT}.
 */
class DevCommandIT {
  @TempDir
  Path tmp;
  final List<String> lines = new CopyOnWriteArrayList<>();

  @Test
  void editsReloadInTheSameJvmErrorsKeepTheLastGoodVersionAPomChangeStartsANewJvmAndNothingOutlivesIt()
      throws Exception {
    Path repo = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
    assertEquals(0, Cli.run("new", "shop", "--dir", tmp.toString()).exit());
    Path project = tmp.resolve("shop");
    assertEquals(0, Cli.run("generate", "resource", "Book", "title:string", "--dir", project.toString()).exit());
    int port = GeneratedProjectIT.freePort();
    Process dev = startDev(project, port, repo);
    try {
      String base = "http://127.0.0.1:" + port;
      awaitLine(l -> l.startsWith("Started in "), 600);
      long jvm = appPid("Started in ");
      assertEquals("{\"message\":\"Hello, ana!\"}", get(base + "/hello/ana"));

      Path app = project.resolve("src/main/java/com/example/shop/ShopApp.java");
      String source = Files.readString(app);
      for (String word : List.of("Olá", "Ciao", "Salut")) {
        int reloads = count(l -> l.startsWith("Reloaded in "));
        long saved = System.nanoTime();
        Files.writeString(app, source.replace("\"Hello\"", "\"" + word + "\""));
        awaitAnswer(base + "/hello/ana", "{\"message\":\"" + word + ", ana!\"}", 120);
        double seconds = (System.nanoTime() - saved) / 1e9;
        awaitCount(l -> l.startsWith("Reloaded in "), reloads + 1, 10);
        System.out.printf("DevCommandIT: save to new answer %.2f s (%s)%n", seconds, last(l -> l.startsWith("Reloaded in ")));
        assertTrue(last(l -> l.startsWith("Reloaded in ")).contains(" in the same JVM (app pid " + jvm + ";"),
            "reloaded in the app's JVM, pid " + jvm + ":\n" + String.join("\n", lines));
      }
      assertTrue(ProcessHandle.of(jvm).map(ProcessHandle::isAlive).orElse(false), "the one app JVM still runs");
      assertEquals("{\"items\":[],\"page\":1,\"per_page\":20,\"total\":0,\"total_pages\":0}", get(base + "/books"),
          "the generated resource's JSON converters are the new version's");

      Files.writeString(app, source.replace("\"Hello\"", "\"Hi\" +"));
      awaitLine(l -> l.startsWith("Compile error; the last good version keeps serving"), 120);
      awaitLine(l -> l.contains("ShopApp.java:"), 10);
      assertEquals("{\"message\":\"Salut, ana!\"}", get(base + "/hello/ana"), "the last good version serves");

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
      awaitLine(l -> l.contains(" in the same JVM (app pid " + jvm + ";"), 10);

      Path pom = project.resolve("pom.xml"); // the class path may have changed: a new JVM
      Files.writeString(pom, Files.readString(pom).replace("</project>", "<!-- edited -->\n</project>"));
      Files.writeString(app, source.replace("\"Hello\"", "\"Hej\""));
      awaitLine(l -> l.equals("pom.xml changed: starting a new JVM on its class path"), 300);
      awaitAnswer(base + "/hello/ana", "{\"message\":\"Hej, ana!\"}", 300);
      awaitLine(l -> l.startsWith("Reloaded in ") && l.contains(" in a new JVM (app pid "), 60);
      long newJvm = Long.parseLong(last(l -> l.startsWith("Reloaded in ") && l.contains(" in a new JVM (app pid "))
          .replaceAll(".*\\(app pid (\\d+)[;)].*", "$1"));
      assertTrue(newJvm != jvm, "a new JVM");
      awaitGone(jvm, "the old app JVM");

      Path data = project.resolve(".vivace/shop/postgres");
      long pgPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
      dev.destroy(); // SIGTERM
      assertTrue(dev.waitFor(60, TimeUnit.SECONDS), "vivace dev ended");
      awaitGone(newJvm, "the app");
      awaitGone(pgPid, "the embedded PostgreSQL");
    } finally {
      dev.destroyForcibly();
      dev.waitFor(30, TimeUnit.SECONDS);
      System.out.println(String.join("\n", lines)); // the session, in the test's report
    }
  }

  /** The app JVM's pid in the last line containing {@code marker}. */
  private long appPid(String marker) {
    return Long.parseLong(last(l -> l.contains(marker)).replaceAll(".*\\(app pid (\\d+)[;)].*", "$1"));
  }

  private String last(Predicate<String> line) {
    return lines.stream().filter(line).reduce((a, b) -> b).orElse("");
  }

  private int count(Predicate<String> line) {
    return (int) lines.stream().filter(line).count();
  }

  private void awaitCount(Predicate<String> line, int n, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (count(line) < n) {
      assertTrue(System.nanoTime() < deadline, "vivace dev did not print the expected line within " + seconds + " s:\n"
          + String.join("\n", lines));
      Thread.sleep(50);
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

  /**
   * A redis project: vivace dev starts a redis-server that keeps its data across reloads, a new app
   * JVM included (started when a version leaves a thread running), and ends with it.
   */
  @Test
  void aRedisProjectGetsARedisServerThatOutlivesReloadsAndJvms() throws Exception {
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
      long jvm = appPid("Started in ");
      awaitLine(l -> l.startsWith("Reloaded in ") && l.contains(" in the same JVM (app pid " + jvm + ";"), 10);

      // A version that leaves a thread of its own running cannot be dropped in process: the next
      // reload says so in one line and starts a new JVM.
      String source = Files.readString(app);
      Files.writeString(app, source.replace("\"Hej\"", "\"Leaky\"").replace("App app = Vivace.app();",
          "App app = Vivace.app(); Thread t = new Thread(() -> { try { Thread.sleep(Long.MAX_VALUE); }"
          + " catch (InterruptedException e) { } }, \"app-own-sleeper\"); t.setDaemon(true); t.start();"));
      awaitAnswer(base + "/hello/ana", "{\"message\":\"Leaky, ana!\"}", 120);
      Files.writeString(app, source.replace("\"Hej\"", "\"Hallo\""));
      awaitLine(l -> l.startsWith("Restarting the app's JVM: threads of the old version still run")
          && l.endsWith(": app-own-sleeper"), 120);
      awaitAnswer(base + "/hello/ana", "{\"message\":\"Hallo, ana!\"}", 120);
      awaitLine(l -> l.startsWith("Reloaded in ") && l.contains(" in a new JVM (app pid "), 60);
      awaitGone(jvm, "the old app JVM");
      assertEquals("$4", redis(redisPort, "GET", "vivace-dev-mark"), "the same redis-server after a new JVM");
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
      System.out.println(String.join("\n", lines)); // the session, in the test's report
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
