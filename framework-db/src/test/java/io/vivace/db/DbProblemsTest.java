package io.vivace.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vivace.db.impl.DbProblemMapper;
import io.vivace.db.impl.DbProblems;
import io.vivace.problem.ProblemException;
import io.vivace.db.testing.TcpProxy;
import io.vivace.db.testing.TestDatabase;
import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The data layer types database failures without HTTP; the web edge's mapper makes them problems. */
class DbProblemsTest {
  static final DbProblemMapper EDGE = new DbProblemMapper();

  private static int status(Throwable failure) {
    return EDGE.toProblem(DbProblems.map(failure)).status();
  }

  private static PgException pg(String sqlState) {
    return new PgException("duplicate key value violates unique constraint \"author_name_key\"", "ERROR", sqlState,
        "Key (name)=(Ada)", null, null, null, null, null, null, null, null, "public", "author", "name", null,
        "author_name_key");
  }

  @Test
  void constraintViolationsAreTypedWithTheirKindAndConstraint() {
    ConstraintViolation unique = assertInstanceOf(ConstraintViolation.class, DbProblems.map(pg("23505")));
    assertEquals(ConstraintViolation.Kind.UNIQUE, unique.kind());
    assertEquals("author_name_key", unique.constraint());
    assertEquals("23505", unique.sqlState());
    assertFalse(unique.getMessage().contains("Ada"), unique.getMessage());
    assertEquals(ConstraintViolation.Kind.FOREIGN_KEY, ((ConstraintViolation) DbProblems.map(pg("23503"))).kind());
    assertEquals(ConstraintViolation.Kind.NOT_NULL, ((ConstraintViolation) DbProblems.map(pg("23502"))).kind());
    assertEquals(ConstraintViolation.Kind.CHECK, ((ConstraintViolation) DbProblems.map(pg("23514"))).kind());
  }

  @Test
  void atTheEdgeConstraintViolationsAreClientErrors() {
    assertEquals(409, status(pg("23505")));
    assertEquals(409, status(pg("23503")));
    assertEquals(422, status(pg("23502")));
    assertEquals(422, status(pg("23514")));
    assertEquals(404, EDGE.toProblem(new NotFoundException("no row")).status());
  }

  @Test
  void overloadAndLostConnectionsAreUnavailableAnd503() {
    for (String state : new String[] {"57014", "40001", "40P01", "53300"}) {
      assertInstanceOf(DatabaseUnavailableException.class, DbProblems.map(pg(state)), state);
      assertEquals(503, status(pg(state)), state);
    }
    assertEquals(503, status(ClosedConnectionException.INSTANCE));
    assertEquals(503, status(new RuntimeException("wrapped", new ConnectException("Connection refused"))));
    assertEquals(503, status(new io.vertx.core.VertxException("Timeout waiting for connection")), "pool acquire timeout");
    assertUnavailable(pg("53300"), "too many connections");
  }

  @Test
  void everyConnectionLevelFailureIs503WithRetryAfter() {
    for (String state : new String[] {"57P01", "57P02", "57P03", "08000", "08003", "08006", "08001", "08P01", "53000",
        "53200", "25P03"}) {
      assertUnavailable(pg(state), state);
    }
    assertUnavailable(new java.io.IOException("Connection reset by peer"), "reset");
    assertUnavailable(new io.vertx.core.VertxException("wrapped", new java.net.SocketException("Broken pipe")), "broken pipe");
    assertUnavailable(io.vertx.core.VertxException.noStackTrace("Connection is not active now, current status: CLOSED"), "closed");
    assertUnavailable(io.vertx.core.VertxException.noStackTrace(
        "Pending requests failed to be sent due to connection has been closed."), "queued when it closed");
  }

  /** Failures taken from a real server: an administrator ends the backend, or the network cuts the connection. */
  @Test
  void realConnectionFailuresAre503WithRetryAfter() throws Exception {
    DatabaseUrl url = TestDatabase.fresh();
    Vertx vertx = Vertx.vertx();
    try (TcpProxy proxy = new TcpProxy(url.host(), url.port())) {
      PgConnectOptions direct = new PgConnectOptions().setHost(url.host()).setPort(url.port())
          .setDatabase(url.database()).setUser(url.user());
      if (url.password() != null) {
        direct.setPassword(url.password());
      }
      PgConnection conn = await(PgConnection.connect(vertx, direct));
      int pid = await(conn.query("SELECT pg_backend_pid()").execute()).iterator().next().getInteger(0);
      java.util.concurrent.CompletableFuture<Throwable> reported = new java.util.concurrent.CompletableFuture<>();
      conn.exceptionHandler(reported::complete);
      Future<?> sleeping = conn.query("SELECT pg_sleep(30)").execute();
      Thread.sleep(100);
      ConnectionLossTest.admin(url, "SELECT pg_terminate_backend(" + pid + ")::int");
      assertUnavailable(failure(sleeping), "in flight when the backend was terminated");
      Throwable terminated = reported.get(10, TimeUnit.SECONDS); // the server's FATAL error
      assertEquals("57P01", ((PgException) terminated).getSqlState(), terminated.toString());
      assertUnavailable(terminated, "57P01 from a real server");
      assertUnavailable(failure(conn.query("SELECT 1").execute()), "a statement on the closed connection");

      PgConnection proxied = await(PgConnection.connect(vertx, new PgConnectOptions(direct).setHost("127.0.0.1").setPort(proxy.port())));
      Future<?> cut = proxied.query("SELECT pg_sleep(30)").execute();
      Thread.sleep(100);
      proxy.cut();
      assertUnavailable(failure(cut), "in flight when the network cut the connection");
      assertUnavailable(failure(PgConnection.connect(vertx, new PgConnectOptions(direct).setHost("127.0.0.1")
          .setPort(proxy.port()))), "refused");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      TestDatabase.drop(url);
    }
  }

  private static void assertUnavailable(Throwable failure, String what) {
    Throwable mapped = DbProblems.map(failure);
    assertTrue(mapped instanceof DatabaseUnavailableException, what + ": " + failure);
    ProblemException answer = EDGE.toProblem(mapped);
    assertEquals(503, answer.status(), what);
    assertEquals("1", answer.headers().get("Retry-After"), what);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Throwable failure(Future<?> f) throws Exception {
    try {
      await(f);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
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
      ProblemException p = EDGE.toProblem(DbProblems.map(failure instanceof java.util.concurrent.CompletionException
          ? failure.getCause() : failure));
      assertEquals(409, p.status());
      String logged = p.getCause().toString();
      assertTrue(logged.startsWith("SQL state 23505, constraint author_name_key, table author: "), logged);
      assertFalse(p.problem().detail().contains("author_name_key"), p.problem().detail());
      assertTrue(EDGE.toProblem(DbProblems.map(ClosedConnectionException.INSTANCE)).getCause().toString()
          .startsWith("database unreachable: "));
    } finally {
      vertx.close();
      io.vivace.db.testing.TestDatabase.drop(url);
    }
  }

  @Test
  void problemsCarryNoSqlAndOtherFailuresPassThrough() {
    ProblemException p = EDGE.toProblem(DbProblems.map(pg("23505")));
    assertFalse(p.problem().detail().contains("author_name_key") || p.problem().detail().contains("Ada"), p.problem().detail());
    IllegalStateException bug = new IllegalStateException("a bug");
    assertSame(bug, DbProblems.map(bug));
    assertNull(EDGE.toProblem(bug));
    PgException syntax = pg("42601");
    assertSame(syntax, DbProblems.map(syntax), "a syntax error is the server's bug: a 500 with a request id");
    assertNull(EDGE.toProblem(new TooManyRowsException(2)), "a query's bug: a 500 with a request id");
  }
}
