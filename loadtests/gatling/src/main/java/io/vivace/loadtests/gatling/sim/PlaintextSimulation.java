package io.vivace.loadtests.gatling.sim;

/** {@code GET /plaintext}: body {@code Hello, World!}. */
public final class PlaintextSimulation extends VivaceSimulation {
  public PlaintextSimulation() {
    super("plaintext", name -> Requests.plaintext(name));
  }
}
