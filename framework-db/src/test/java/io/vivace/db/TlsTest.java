package io.vivace.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.sqlclient.Tuple;
import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.db.embedded.impl.EmbeddedPostgres;
import io.vivace.testing.AppProcess;
import io.vivace.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to PostgreSQL with libpq's {@code sslmode}: a real server (the embedded one) with a
 * certificate for {@code localhost} signed by a certificate authority this test makes with openssl.
 * Each test turns the server's {@code ssl} setting on or off (a configuration reload) as it needs.
 */
class TlsTest {
  @TempDir
  static Path tmp;
  static EmbeddedPostgres pg;
  static Path ca;

  @BeforeAll
  static void startServerAndMakeCertificates() throws Exception {
    Path data = tmp.resolve("data");
    pg = EmbeddedPostgres.start(data);
    ca = tmp.resolve("ca.crt");
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", tmp.resolve("ca.key").toString(), "-out", ca.toString(), "-days", "2", "-subj", "/CN=vivace test CA");
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", data.resolve("server.key").toString(), "-out", tmp.resolve("server.csr").toString(),
        "-subj", "/CN=localhost");
    Files.writeString(tmp.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
    openssl("x509", "-req", "-in", tmp.resolve("server.csr").toString(), "-CA", ca.toString(),
        "-CAkey", tmp.resolve("ca.key").toString(), "-CAcreateserial", "-out", data.resolve("server.crt").toString(),
        "-days", "2", "-extfile", tmp.resolve("san.ext").toString());
    Files.setPosixFilePermissions(data.resolve("server.key"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }

  @AfterAll
  static void stop() {
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void requireConnectsOverTls() throws Exception {
    ssl(true);
    App app = Vivace.app(TestServer.options());
    Database db = Database.attach(app, new DbOptions().migrate(true).migrations("classpath:db/dbtest")
        .url(DatabaseUrl.parse("DATABASE_URL", "postgres://postgres@127.0.0.1:" + pg.port() + "/postgres?sslmode=require")));
    TestServer server = TestServer.started(app);
    try {
      assertEquals(Boolean.TRUE, db.one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", Tuple.tuple(),
          r -> r.getBoolean(0)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    } finally {
      server.close();
    }
  }

  @Test
  void verifyFullChecksTheHostName() throws Exception {
    ssl(true);
    String query = "/postgres?sslmode=verify-full&sslrootcert=" + ca;
    Throwable wrongHost = startFailure(DatabaseUrl.parse("DATABASE_URL", "postgres://postgres@127.0.0.1:" + pg.port() + query));
    assertTrue(wrongHost.getMessage().contains("TLS") && wrongHost.getMessage().contains("127.0.0.1"),
        wrongHost.getMessage());
    assertTrue(wrongHost.getMessage().contains("sslmode=verify-full"), wrongHost.getMessage());

    App app = Vivace.app(TestServer.options());
    Database db = Database.attach(app, new DbOptions().migrate(false)
        .url(DatabaseUrl.parse("DATABASE_URL", "postgres://postgres@localhost:" + pg.port() + query)));
    TestServer server = TestServer.started(app);
    try {
      assertEquals(Boolean.TRUE, db.one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", Tuple.tuple(),
          r -> r.getBoolean(0)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    } finally {
      server.close();
    }
  }

  @Test
  void verifyCaRejectsACertificateFromAnotherAuthority() throws Exception {
    ssl(true);
    Path other = tmp.resolve("other-ca.crt");
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", tmp.resolve("other-ca.key").toString(), "-out", other.toString(), "-days", "2", "-subj", "/CN=other");
    Throwable e = startFailure(DatabaseUrl.parse("DATABASE_URL", "postgres://postgres@localhost:" + pg.port()
        + "/postgres?sslmode=verify-ca&sslrootcert=" + other));
    assertTrue(e.getMessage().contains("TLS"), e.getMessage());
  }

  @Test
  void preferFallsBackToPlaintextAndDisableNeverUsesTls() throws Exception {
    ssl(false);
    App app = Vivace.app(TestServer.options());
    Database db = Database.attach(app, new DbOptions().migrate(false)
        .url(DatabaseUrl.parse("DATABASE_URL", "postgres://postgres@127.0.0.1:" + pg.port() + "/postgres")));
    TestServer server = TestServer.started(app);
    try {
      assertEquals(Boolean.FALSE, db.one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", Tuple.tuple(),
          r -> r.getBoolean(0)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    } finally {
      server.close();
    }
  }

  /** The contract: sslmode=require against a server without TLS: one line naming TLS, non-zero exit, no retries. */
  @Test
  void requireAgainstAServerWithoutTlsExitsAtOnceWithOneLine() throws Exception {
    ssl(false);
    try (AppProcess app = AppProcess.start(DbApp.class, Map.of("PORT", "0", "HOST", "127.0.0.1",
        "DATABASE_URL", "postgres://postgres@127.0.0.1:" + pg.port() + "/postgres?sslmode=require",
        "VIVACE_DB_MIGRATE", "false"))) {
      long t0 = System.nanoTime();
      int exit = app.awaitExit(30_000);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertNotEquals(0, exit, String.join("\n", app.lines()));
      List<String> failures = app.lines().stream().filter(l -> l.startsWith("vivace:")).toList();
      assertEquals(1, failures.size(), String.join("\n", app.lines()));
      assertTrue(failures.get(0).contains("TLS"), failures.get(0));
      assertTrue(app.lines().stream().noneMatch(l -> l.contains("retrying")), String.join("\n", app.lines()));
      assertTrue(ms < 20_000, "exited after " + ms + " ms");
    }
  }

  @Test
  void unknownModesAndParametersAreConfigurationErrors() {
    assertThrows(io.vivace.config.ConfigException.class,
        () -> DatabaseUrl.parse("DATABASE_URL", "postgres://h/db?sslmode=required"));
    assertThrows(io.vivace.config.ConfigException.class,
        () -> DatabaseUrl.parse("DATABASE_URL", "postgres://h/db?ssl_mode=require"));
    io.vivace.config.ConfigException missing = assertThrows(io.vivace.config.ConfigException.class,
        () -> DatabaseUrl.parse("DATABASE_URL", "postgres://h/db?sslmode=verify-ca&sslrootcert=/nonexistent/ca.pem"));
    assertTrue(missing.getMessage().startsWith("DATABASE_URL: sslrootcert"), missing.getMessage());
  }

  private static Throwable startFailure(DatabaseUrl url) {
    App app = Vivace.app(TestServer.options());
    Database.attach(app, new DbOptions().migrate(false).connectAttempts(30).url(url));
    long t0 = System.nanoTime();
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> app.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    // 30 attempts one second apart would take 29 s: well under that means no retry
    assertTrue(ms < 20_000, "a certificate failure is not retried; gave up after " + ms + " ms");
    assertFalse(e.getCause().getMessage().contains("attempt(s)"), e.getCause().getMessage());
    return e.getCause();
  }

  /** Turns the server's TLS on or off and waits (at most 10 s) until new connections see it. */
  private static void ssl(boolean on) throws Exception {
    String admin = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres";
    try (Connection c = DriverManager.getConnection(admin + "?sslmode=disable", "postgres", null);
        Statement st = c.createStatement()) {
      st.execute("ALTER SYSTEM SET ssl = " + (on ? "on" : "off"));
      st.execute("SELECT pg_reload_conf()");
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Connection c = DriverManager.getConnection(admin + "?sslmode=disable", "postgres", null);
          Statement st = c.createStatement();
          var rs = st.executeQuery("SHOW ssl")) {
        rs.next();
        if (rs.getString(1).equals(on ? "on" : "off")) {
          return;
        }
      } catch (SQLException notYet) {
        // reloading
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the server's ssl setting did not become " + on);
      }
      Thread.sleep(50);
    }
  }

  private static void openssl(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl " + cmd + ": " + out);
  }
}
