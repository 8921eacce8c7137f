package io.vivace.loadtests.gatling.sim;

/** {@code GET /json}: {@code {"message":"Hello, World!"}}. */
public final class JsonSimulation extends VivaceSimulation {
  public JsonSimulation() {
    super("json", name -> Requests.json(name));
  }
}
