package io.vivace.loadtests.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgConnectOptions;
import org.junit.jupiter.api.Test;

/** DATABASE_URL parsing and the connection policy of TechEmpower's Vert.x entries. */
class DbEndpointsTest {
  @Test
  void fullUrl() {
    PgConnectOptions o = DbEndpoints.connectOptions("postgres://bench:p%40ss%3Aword@db.example:6543/hello");
    assertEquals("db.example", o.getHost());
    assertEquals(6543, o.getPort());
    assertEquals("bench", o.getUser());
    assertEquals("p@ss:word", o.getPassword());
    assertEquals("hello", o.getDatabase());
  }

  @Test
  void defaults() {
    PgConnectOptions o = DbEndpoints.connectOptions("postgresql://127.0.0.1");
    assertEquals("127.0.0.1", o.getHost());
    assertEquals(5432, o.getPort());
    assertEquals("postgres", o.getUser());
    assertEquals("postgres", o.getDatabase());
    assertEquals("postgres", DbEndpoints.connectOptions("postgres://h/").getDatabase());
  }

  @Test
  void pipelinedWithPreparedStatementsCached() {
    PgConnectOptions o = DbEndpoints.connectOptions("postgres://postgres@127.0.0.1:5432/postgres");
    assertEquals(256, o.getPipeliningLimit());
    assertTrue(o.getCachePreparedStatements());
  }

  @Test
  void badUrlsAreRejectedWithoutShowingThem() {
    for (String bad : new String[] {"mysql://u:secret@h/db", "postgres:///db", "postgres://u:secret@[bad/db", "secret"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DbEndpoints.connectOptions(bad), bad);
      assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }
  }
}
