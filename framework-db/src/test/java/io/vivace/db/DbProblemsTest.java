package io.vivace.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vivace.db.impl.DbProblemMapper;
import io.vivace.problem.ProblemException;
import java.net.ConnectException;
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
