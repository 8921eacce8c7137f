package io.vivace.loadtests.gatling.sim;

/** {@code GET /db}: one random World row. */
public final class DbSimulation extends VivaceSimulation {
  public DbSimulation() {
    super("db", name -> Requests.db(name));
  }
}
