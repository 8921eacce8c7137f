package io.vivace.loadtests.gatling.sim;

/** The JSON POST scenario's body, shared by the simulation and the runner's wrk script. */
public final class EchoBody {
  /** What {@code POST /echo} receives and must send back byte for byte (DSL-JSON's field order, no spaces). */
  public static final String JSON =
      "{\"id\":42,\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"tags\":[\"analytical\",\"engine\"]}";

  private EchoBody() {
  }
}
