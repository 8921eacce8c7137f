package io.vivace.loadtests.gatling.sim;

/** {@code POST /echo} with a small JSON object, echoed back byte for byte. */
public final class JsonPostSimulation extends VivaceSimulation {
  public JsonPostSimulation() {
    super("json-post", name -> Requests.jsonPost(name));
  }
}
