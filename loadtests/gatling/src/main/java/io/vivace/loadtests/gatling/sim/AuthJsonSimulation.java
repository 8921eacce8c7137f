package io.vivace.loadtests.gatling.sim;

/** {@code GET /auth/json} with an HS256 bearer token signed from {@code JWT_SECRET}. */
public final class AuthJsonSimulation extends VivaceSimulation {
  public AuthJsonSimulation() {
    super("auth-json", name -> Requests.authJson(name, settings()));
  }
}
