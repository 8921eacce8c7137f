package io.vivace.loadtests.gatling.sim;

/** {@code GET /updates?queries=N} (N from {@code -Dqueries}, default 20): N reads and their updates. */
public final class UpdatesSimulation extends VivaceSimulation {
  public UpdatesSimulation() {
    super("updates", name -> Requests.worlds(name, "/updates", "queries", settings().queries()));
  }
}
