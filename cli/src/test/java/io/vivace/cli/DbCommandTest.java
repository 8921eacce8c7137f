package io.vivace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.config.Config;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vivace db} on a real PostgreSQL: a fresh database per test, given as {@code -Dvivace.database-url}. */
class DbCommandTest {
  @TempDir
  Path tmp;
  Path project;
  DatabaseUrl db;

  @BeforeEach
  void project() {
    assertEquals(0, Cli.run("new", "shop", "--dir", tmp.toString()).exit());
    project = tmp.resolve("shop");
    assertEquals(0, Cli.run("generate", "resource", "Book", "title:string", "--dir", project.toString()).exit());
    db = TestDatabase.fresh();
    System.setProperty("vivace.database-url", "postgres://" + db.user() + (db.password() == null ? "" : ":" + db.password())
        + "@" + db.host() + ":" + db.port() + "/" + db.database());
  }

  @AfterEach
  void drop() {
    System.clearProperty("vivace.database-url");
    TestDatabase.drop(db);
  }

  /** {@code vivace db <args[0]> --dir <project> <the other args>}. */
  private Cli db(String... args) {
    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("db", args[0], "--dir", project.toString()));
    all.addAll(java.util.Arrays.asList(args).subList(1, args.length));
    return Cli.run(all.toArray(String[]::new));
  }

  private long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Path migration() throws IOException {
    try (var files = Files.list(project.resolve(DbCommand.MIGRATIONS))) {
      return files.filter(f -> f.toString().endsWith("__create_books.sql")).findFirst().orElseThrow();
    }
  }

  @Test
  void migrateThenInfoListsTheAppliedMigration() throws Exception {
    Cli info = db("info");
    assertEquals(0, info.exit(), info.toString());
    assertTrue(info.out().contains("create books") && info.out().contains("Pending"), info.out());
    Cli r = db("migrate");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().startsWith("Applied 1 migration(s) to " + db), r.out());
    assertEquals(0, count("SELECT count(*) FROM books"));
    assertTrue(db("info").out().contains("Success"));
    assertTrue(db("migrate").out().startsWith("Applied 0 migration(s)"));
  }

  @Test
  void validateFailsOnAChangedMigrationAndRepairRealignsIt() throws Exception {
    assertEquals(0, db("migrate").exit());
    assertEquals(0, db("validate").exit());
    Files.writeString(migration(), "\n-- changed after it ran\n", java.nio.file.StandardOpenOption.APPEND);
    Cli r = db("validate");
    assertEquals(VivaceCli.EXIT_DATABASE, r.exit(), r.toString());
    assertTrue(r.err().contains("validation failed") && r.err().contains("checksum"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    Cli repair = db("repair");
    assertEquals(0, repair.exit(), repair.toString());
    assertTrue(repair.out().contains("1 realigned"), repair.out());
    assertEquals(0, db("validate").exit());
  }

  @Test
  void seedRunsTheHookInOneTransaction() throws Exception {
    assertTrue(Files.isRegularFile(project.resolve(DbCommand.SEED)), "vivace new writes the hook");
    Files.writeString(project.resolve(DbCommand.SEED), "INSERT INTO books (title) VALUES ('One'), ('Two');\n");
    Cli r = db("seed");
    assertEquals(0, r.exit(), r.toString());
    assertEquals(2, count("SELECT count(*) FROM books"));
    Files.writeString(project.resolve(DbCommand.SEED), "INSERT INTO books (title) VALUES ('Three');\nINSERT INTO nowhere VALUES (1);\n");
    Cli bad = db("seed");
    assertEquals(VivaceCli.EXIT_DATABASE, bad.exit(), bad.toString());
    assertTrue(bad.err().contains("nothing was kept") && bad.err().contains("nowhere"), bad.err());
    assertEquals(2, count("SELECT count(*) FROM books"), "the failed seed left no row");
  }

  @Test
  void resetAsksDropsEverythingAndMigratesAgain() throws Exception {
    Files.writeString(project.resolve(DbCommand.SEED), "INSERT INTO books (title) VALUES ('One');\n");
    assertEquals(0, db("seed").exit());
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA extra; CREATE TABLE extra.t (x int)");
    }
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("no\n".getBytes(StandardCharsets.UTF_8)));
      Cli no = db("reset");
      assertEquals(VivaceCli.EXIT_REFUSED, no.exit(), no.toString());
      assertTrue(no.err().contains("Type the database name (" + db.database() + ")"), no.err());
      assertEquals(1, count("SELECT count(*) FROM books"), "nothing dropped");
      System.setIn(new ByteArrayInputStream((db.database() + "\n").getBytes(StandardCharsets.UTF_8)));
      Cli yes = db("reset");
      assertEquals(0, yes.exit(), yes.toString());
    } finally {
      System.setIn(stdin);
    }
    assertEquals(0, count("SELECT count(*) FROM books"), "empty, migrated again");
    assertEquals(0, count("SELECT count(*) FROM pg_namespace WHERE nspname = 'extra'"));
    Cli seeded = db("reset", "--yes", "--seed");
    assertEquals(0, seeded.exit(), seeded.toString());
    assertEquals(1, count("SELECT count(*) FROM books"));
  }

  @Test
  void resetRefusesAServerElsewhereWithoutForce() {
    System.setProperty("vivace.database-url", "postgres://postgres@db.example.com:5432/prod");
    Cli r = db("reset", "--yes");
    assertEquals(VivaceCli.EXIT_REFUSED, r.exit(), r.toString());
    assertTrue(r.err().contains("refusing to reset postgres://postgres@db.example.com:5432/prod: not on this machine"), r.err());
  }

  @Test
  void psqlRunsOnTheProjectsDatabase() throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/psql")) && !onPath("psql")) {
      System.err.println("DbCommandTest.psqlRunsOnTheProjectsDatabase: psql is not installed (Debian package "
          + "postgresql-client); not run");
      org.junit.jupiter.api.Assumptions.abort("psql is not installed");
    }
    assertEquals(0, db("migrate").exit());
    Path out = tmp.resolve("psql.out");
    Cli r = db("psql", "--", "-At", "-c", "SELECT count(*) || ' books' FROM books", "-o", out.toString());
    assertEquals(0, r.exit(), r.toString());
    assertEquals("0 books", Files.readString(out).strip());
  }

  private static boolean onPath(String exe) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, exe))) {
        return true;
      }
    }
    return false;
  }

  /** Without DATABASE_URL: the project's embedded cluster in .vivace/shop/postgres, started for the command. */
  @Test
  void withoutDatabaseUrlTheProjectsEmbeddedServer() throws Exception {
    Project p = Project.find(project);
    Config none = new Config(Map.of(), new Properties());
    java.io.PrintWriter quiet = new java.io.PrintWriter(java.io.Writer.nullWriter());
    Path data = DbServer.embeddedDir(p, none);
    assertEquals(project.resolve(".vivace/shop/postgres"), data);
    try (DbServer server = DbServer.open(p, none, quiet)) {
      assertTrue(server.local());
      assertEquals(1, DbCommand.migrate(p, server));
      assertEquals(Integer.valueOf(server.url.port()), DbServer.runningPort(data), "found through postmaster.pid");
      try (DbServer again = DbServer.open(p, none, quiet)) { // the running server is used as it is
        assertEquals(server.url.port(), again.url.port());
        assertEquals(0, DbCommand.migrate(p, again));
      }
    }
    assertFalse(DbServer.runningPort(data) != null, "stopped by the command that started it");
  }
}
