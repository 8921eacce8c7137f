package io.vivace.examples.blog;

import io.vivace.db.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads a test database directly, to check what the endpoints wrote. */
final class Jdbc {
  private Jdbc() {
  }

  /** The first row of {@code sql}, integers as {@code Long}. */
  static List<Object> row(DatabaseUrl url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      if (!rs.next()) {
        throw new AssertionError("no row: " + sql);
      }
      List<Object> values = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        Object v = rs.getObject(i);
        values.add(v instanceof Integer ? Long.valueOf((Integer) v) : v);
      }
      return values;
    }
  }

  /** Runs one statement; the rows it changed. */
  static int update(DatabaseUrl url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement st = c.createStatement()) {
      return st.executeUpdate(sql);
    }
  }
}
