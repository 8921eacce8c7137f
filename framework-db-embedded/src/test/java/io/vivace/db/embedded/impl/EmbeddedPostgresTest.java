package io.vivace.db.embedded.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {
  private static final String JAPANESE = "日本語のテキスト、ＵＴＦ－８で往復する 🎵";

  private static Connection connect(EmbeddedPostgres pg) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + pg.database(), pg.user(), "");
  }

  private static String one(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void dataSurvivesRestartsStalePidFilesAndKilledOwners(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("pg");
    String stalePidFile;
    EmbeddedPostgres pg = EmbeddedPostgres.start(data);
    try {
      assertEquals("127.0.0.1", pg.host());
      assertEquals("postgres", pg.user());
      assertEquals("postgres", pg.database());
      assertNotEquals(5432, pg.port());
      assertEquals("postgres://postgres@127.0.0.1:" + pg.port() + "/postgres", pg.url());
      assertEquals("psql -h 127.0.0.1 -p " + pg.port() + " -U postgres postgres", pg.psqlCommand());
      try (Connection c = connect(pg)) {
        assertEquals("UTF8", one(c, "SHOW server_encoding"));
        assertTrue(one(c, "SHOW server_version").startsWith(PostgresBinaries.major() + "."));
        assertEquals("200", one(c, "SHOW max_connections"));
        assertEquals("on", one(c, "SHOW fsync"));
        assertEquals("ÉA", one(c, "SELECT upper('éa')")); // builtin C.UTF-8 locale: Unicode case mapping
        try (Statement st = c.createStatement()) {
          st.execute("CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO notes VALUES (?, ?)")) {
          ps.setInt(1, 1);
          ps.setString(2, JAPANESE);
          assertEquals(1, ps.executeUpdate());
        }
        assertEquals(JAPANESE, one(c, "SELECT body FROM notes WHERE id = 1"));
      }
      stalePidFile = Files.readString(data.resolve("postmaster.pid"));
    } finally {
      pg.close();
    }
    pg.close(); // idempotent
    long firstPid = Long.parseLong(stalePidFile.lines().findFirst().orElseThrow());
    assertFalse(ProcessHandle.of(firstPid).isPresent(), "the server process has exited");
    assertFalse(accepts(pg.port()), "nothing listens on the port any more");
    assertFalse(Files.exists(data.resolve("postmaster.pid")));

    // A server killed without a shutdown leaves its postmaster.pid behind: it must not block a start.
    Files.writeString(data.resolve("postmaster.pid"), stalePidFile);
    EmbeddedPostgres second = EmbeddedPostgres.start(data);
    try (Connection c = connect(second)) {
      assertEquals(JAPANESE, one(c, "SELECT body FROM notes WHERE id = 1"));
    }

    // A JVM killed before its shutdown hook ran leaves its server running: the next start stops it.
    Files.writeString(data.resolve("vivace-jvm.pid"), deadPid() + "\n");
    long orphanPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    try (EmbeddedPostgres third = EmbeddedPostgres.start(data)) {
      assertFalse(ProcessHandle.of(orphanPid).isPresent(), "the orphaned server was stopped");
      assertFalse(accepts(second.port()));
      try (Connection c = connect(third)) {
        assertEquals(JAPANESE, one(c, "SELECT body FROM notes WHERE id = 1"));
      }
      second.close(); // its process is gone already: closing it leaves the new server alone

      // A directory in use by a live server of a live JVM (this one) is refused, the server left alone.
      IOException inUse = assertThrows(IOException.class, () -> EmbeddedPostgres.start(data));
      assertTrue(inUse.getMessage().contains("lock file \"postmaster.pid\" already exists"), inUse.getMessage());
      try (Connection c = connect(third)) {
        assertEquals("1", one(c, "SELECT count(*) FROM notes"));
      }
    }
  }

  @Test
  void theServerStopsWhenItsJvmIsKilled(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("pg");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), EmbeddedPostgresChild.class.getName(), data.toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
      while (!Files.readString(tmp.resolve("child.log")).contains("ready ")) {
        assertTrue(child.isAlive() && System.nanoTime() < deadline, "the child did not start its server: "
            + Files.readString(tmp.resolve("child.log")));
        Thread.sleep(50);
      }
      long serverPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
      int port = Integer.parseInt(Files.readString(tmp.resolve("child.log")).replaceAll("(?s).*ready (\\d+).*", "$1"));
      assertTrue(accepts(port));

      child.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertTrue(child.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
      deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
      while (Files.exists(data.resolve("postmaster.pid")) || accepts(port)) {
        assertTrue(System.nanoTime() < deadline, "the server (pid " + serverPid + ") outlived its JVM by 30 s");
        Thread.sleep(50);
      }
    } finally {
      child.destroyForcibly();
    }
  }

  /** The pid of a process that has exited (and was reaped). */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  @Test
  void refusesADirectoryThatIsNeitherEmptyNorACluster(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("notes.txt"), "not a database");
    IOException e = assertThrows(IOException.class, () -> EmbeddedPostgres.start(tmp));
    assertTrue(e.getMessage().contains(tmp.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("not empty and not a PostgreSQL data directory"), e.getMessage());
    assertEquals(List.of(tmp.resolve("notes.txt")), Files.list(tmp).toList(), "left untouched");
  }

  @Test
  void refusesAClusterOfAnotherMajorVersion(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("PG_VERSION"), "9.6\n");
    IOException e = assertThrows(IOException.class, () -> EmbeddedPostgres.start(tmp));
    assertTrue(e.getMessage().contains("PostgreSQL 9.6 cluster"), e.getMessage());
  }

  @Test
  void theVersionConstantMatchesTheBinariesJar() throws Exception {
    String jar = PostgresBinaries.archive().toString();
    assertTrue(jar.contains("-" + PostgresBinaries.VERSION + ".jar!/"),
        "PostgresBinaries.VERSION must match zonky-postgres.version in the root pom: " + jar);
  }
}
