package io.vivace.loadtests.gatling.sim;

/** {@code GET /db}: one random World row. */
// tag::simulation[]
public final class DbSimulation extends VivaceSimulation {
  public DbSimulation() {
    // The scenario's name (also the measured request's name) and its one request with checks.
    super("db", name -> Requests.db(name));
  }
}
// end::simulation[]
