package io.vivace.loadtests.gatling.sim;

/** {@code GET /fortunes}: the HTML table, with the row added at request time and the UTF-8 row. */
public final class FortunesSimulation extends VivaceSimulation {
  public FortunesSimulation() {
    super("fortunes", name -> Requests.fortunes(name));
  }
}
