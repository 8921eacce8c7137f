package io.vivace.loadtests.gatling.sim;

/** {@code GET /cached-queries?count=N} (N from {@code -Dqueries}, default 20): N World rows through the cache. */
public final class CachedQueriesSimulation extends VivaceSimulation {
  public CachedQueriesSimulation() {
    super("cached-queries", name -> Requests.worlds(name, "/cached-queries", "count", settings().queries()));
  }
}
