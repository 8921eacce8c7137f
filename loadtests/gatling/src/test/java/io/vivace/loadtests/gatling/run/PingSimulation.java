package io.vivace.loadtests.gatling.run;

import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.vivace.loadtests.gatling.sim.VivaceSimulation;

/** A project's own simulation as {@link SimulateTest} runs it: {@code GET /ping}, 200 expected. */
public final class PingSimulation extends VivaceSimulation {
  public PingSimulation() {
    super("ping", name -> http(name).get("/ping").check(status().is(200)));
  }
}
