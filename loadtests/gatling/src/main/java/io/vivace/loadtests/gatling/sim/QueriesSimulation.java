package io.vivace.loadtests.gatling.sim;

/** {@code GET /queries?queries=N} (N from {@code -Dqueries}, default 20): N separate SELECTs. */
public final class QueriesSimulation extends VivaceSimulation {
  public QueriesSimulation() {
    super("queries", name -> Requests.worlds(name, "/queries", "queries", settings().queries()));
  }
}
