package io.vivace.tracing.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The operation and table a database span names, read from SQL without its parameters. */
class SqlSummaryTest {

  static void check(String sql, String operation, String table) {
    SqlSummary s = SqlSummary.parse(sql);
    assertEquals(operation, s.operation(), sql);
    assertEquals(table, s.table(), sql);
    assertEquals(table == null ? operation : operation + " " + table, s.name(), sql);
  }

  @Test
  void theCommonStatements() {
    check("SELECT id, title FROM posts WHERE id = $1", "SELECT", "posts");
    check("select * from public.users u join posts p on p.user_id = u.id", "SELECT", "public.users");
    check("INSERT INTO comments (post_id, body) VALUES ($1, $2) RETURNING id", "INSERT", "comments");
    check("UPDATE posts SET title = $1 WHERE id = $2", "UPDATE", "posts");
    check("update only posts set x = 1", "UPDATE", "posts");
    check("DELETE FROM tags WHERE id = $1", "DELETE", "tags");
    check("SELECT 1", "SELECT", null);
    check("SELECT count(*) FROM (SELECT id FROM posts) AS p", "SELECT", null);
    check("CREATE TABLE notes (id bigint)", "CREATE", null);
    check("BEGIN", "BEGIN", null);
  }

  @Test
  void commentsQuotesAndFunctionsDoNotFoolIt() {
    check("-- a comment FROM nowhere\n/* FROM neither */ SELECT 'FROM x' AS a FROM \"Posts\" WHERE b = $1",
        "SELECT", "\"Posts\"");
    check("SELECT extract(year FROM created_at) FROM posts", "SELECT", "posts");
    check("SELECT 'it''s FROM here' FROM posts", "SELECT", "posts");
  }

  @Test
  void withIsLookedThroughToItsMainStatement() {
    check("WITH recent AS (SELECT * FROM posts ORDER BY id DESC LIMIT 10) SELECT * FROM recent", "SELECT", "recent");
    check("WITH x AS (SELECT 1) INSERT INTO log (v) SELECT * FROM x", "INSERT", "log");
  }

  @Test
  void emptyAndOddInputs() {
    check("", "SQL", null);
    check("   -- only a comment", "SQL", null);
    check("SELECT * FROM", "SELECT", null);
    check("(SELECT 1)", "SELECT", null);
  }

  @Test
  void summariesAreKept() {
    String sql = "SELECT body FROM kept_table WHERE id = $1";
    assertSame(SqlSummary.of(sql), SqlSummary.of(sql));
  }
}
