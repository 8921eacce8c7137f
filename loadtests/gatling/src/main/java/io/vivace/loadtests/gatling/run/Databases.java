package io.vivace.loadtests.gatling.run;

import io.vivace.db.DatabaseUrl;
import io.vivace.db.embedded.impl.EmbeddedPostgres;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The PostgreSQL server of a run and the fresh databases created on it: {@code DATABASE_URL}'s
 * server when given, else an embedded server ({@link EmbeddedPostgres}) whose cluster is kept in a
 * directory between runs. Every run creates its own databases ({@code vivace_lt_<random>_<name>},
 * UTF-8) and drops them when closed, so runs never share or leave data. Not thread-safe.
 */
final class Databases implements AutoCloseable {
  private final DatabaseUrl server;
  private final EmbeddedPostgres embedded;
  private final String prefix = "vivace_lt_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
  private final List<String> created = new ArrayList<>();

  private Databases(DatabaseUrl server, EmbeddedPostgres embedded) {
    this.server = server;
    this.embedded = embedded;
  }

  /**
   * @param databaseUrl {@code postgres://...} of a server where databases may be created, or null
   *     to start the embedded server
   * @param embeddedData the embedded server's data directory (created on first use)
   * @throws IOException when the embedded server does not start
   * @throws IllegalArgumentException for a malformed {@code DATABASE_URL}
   */
  static Databases provision(String databaseUrl, Path embeddedData) throws IOException {
    if (databaseUrl != null && !databaseUrl.isBlank()) {
      return new Databases(DatabaseUrl.parse("DATABASE_URL", databaseUrl.trim()), null);
    }
    EmbeddedPostgres pg = EmbeddedPostgres.start(embeddedData);
    return new Databases(DatabaseUrl.parse("embedded", pg.url()), pg);
  }

  /** Where the server is, for the summary (password masked). */
  String describe() {
    return (embedded != null ? "embedded PostgreSQL " : "DATABASE_URL ") + server;
  }

  /** The server's version, e.g. {@code 17.11}. */
  String version() throws SQLException {
    try (Connection c = connect(server); Statement st = c.createStatement();
         var rs = st.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /**
   * Creates an empty UTF-8 database for {@code name} and returns its {@code postgres://} URL, with
   * the password if the server has one (for the apps' {@code DATABASE_URL}).
   */
  String create(String name) throws SQLException {
    String db = prefix + "_" + name;
    admin("CREATE DATABASE " + db + " ENCODING 'UTF8' TEMPLATE template0");
    created.add(db);
    DatabaseUrl u = server.withDatabase(db);
    return "postgres://" + encode(u.user()) + (u.password() == null ? "" : ":" + encode(u.password()))
        + "@" + u.host() + ":" + u.port() + "/" + db;
  }

  @Override
  public void close() {
    for (String db : created) {
      try {
        admin("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      } catch (SQLException e) {
        System.err.println("loadtests: could not drop database " + db + ": " + e.getMessage());
      }
    }
    created.clear();
    if (embedded != null) {
      embedded.close();
    }
  }

  private void admin(String sql) throws SQLException {
    try (Connection c = connect(server); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static Connection connect(DatabaseUrl url) throws SQLException {
    return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
