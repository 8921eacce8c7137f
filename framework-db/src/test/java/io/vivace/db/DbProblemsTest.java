package io.vivace.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vivace.problem.ProblemException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class DbProblemsTest {

  private static int status(Throwable failure) {
    return ((ProblemException) DbProblems.map(failure)).status();
  }

  private static PgException pg(String sqlState) {
    return new PgException("duplicate key value violates unique constraint \"author_name_key\"", "ERROR", sqlState, "Key (name)=(Ada)");
  }

  @Test
  void constraintViolationsAreClientErrors() {
    assertEquals(409, status(pg("23505")));
    assertEquals(409, status(pg("23503")));
    assertEquals(422, status(pg("23502")));
    assertEquals(422, status(pg("23514")));
  }

  @Test
  void overloadAndLostConnectionsAre503() {
    for (String state : new String[] {"57014", "40001", "40P01", "53300"}) {
      assertEquals(503, status(pg(state)), state);
    }
    assertEquals(503, status(ClosedConnectionException.INSTANCE));
    assertEquals(503, status(new RuntimeException("wrapped", new ConnectException("Connection refused"))));
    assertEquals(503, status(new io.vertx.core.VertxException("Timeout waiting for connection")), "pool acquire timeout");
  }

  @Test
  void theCauseNamesTheSqlStateAndConstraintForTheLog() throws Exception {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    DatabaseUrl url = io.vivace.db.testing.TestDatabase.fresh();
    try {
      io.vertx.sqlclient.Pool pool = io.vertx.pgclient.PgBuilder.pool().connectingTo(new io.vertx.pgclient.PgConnectOptions()
          .setHost(url.host()).setPort(url.port()).setDatabase(url.database()).setUser(url.user())
          .setPassword(url.password() == null ? "" : url.password())).using(vertx).build();
      Throwable failure = pool.query("CREATE TABLE author (name text CONSTRAINT author_name_key UNIQUE)").execute()
          .compose(ok -> pool.query("INSERT INTO author VALUES ('Ada'), ('Ada')").execute())
          .toCompletionStage().toCompletableFuture().handle((ok, e) -> e).get(30, java.util.concurrent.TimeUnit.SECONDS);
      pool.close();
      ProblemException p = (ProblemException) DbProblems.map(failure instanceof java.util.concurrent.CompletionException
          ? failure.getCause() : failure);
      assertEquals(409, p.status());
      String logged = p.getCause().toString();
      assertTrue(logged.startsWith("SQL state 23505, constraint author_name_key, table author: "), logged);
      assertFalse(p.problem().detail().contains("author_name_key"), p.problem().detail());
      assertTrue(((ProblemException) DbProblems.map(ClosedConnectionException.INSTANCE)).getCause().toString()
          .startsWith("database unreachable: "));
    } finally {
      vertx.close();
      io.vivace.db.testing.TestDatabase.drop(url);
    }
  }

  @Test
  void problemsCarryNoSqlAndOtherFailuresPassThrough() {
    ProblemException p = (ProblemException) DbProblems.map(pg("23505"));
    assertFalse(p.problem().detail().contains("author_name_key") || p.problem().detail().contains("Ada"), p.problem().detail());
    IllegalStateException bug = new IllegalStateException("a bug");
    assertSame(bug, DbProblems.map(bug));
    PgException syntax = pg("42601");
    assertSame(syntax, DbProblems.map(syntax), "a syntax error is the server's bug: a 500 with a request id");
  }
}
