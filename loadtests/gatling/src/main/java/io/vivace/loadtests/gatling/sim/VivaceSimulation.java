package io.vivace.loadtests.gatling.sim;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.function.Function;

/**
 * The load shape every scenario shares; a subclass names its scenario and builds its one request
 * (with the checks of status and body shape) for a given request name.
 *
 * <p>Closed model (default): {@code concurrency} virtual users start at once, each on its own
 * keep-alive connection (like wrk's connections), and loop for {@code warmup} seconds on the
 * warm-up request, then for {@code duration} seconds on the measured request. Open model
 * ({@code -Drate=R}): R new virtual users per second, one request each, sharing one connection
 * pool; the warm-up population runs first at the same rate. Gatling's warm-up call to an internet
 * URL is disabled: the simulations run offline. Any failed check fails the run (exit status 2) through
 * an assertion on the number of failed requests.
 */
public abstract class VivaceSimulation extends Simulation {
  /** Extra seconds after warm-up and duration before Gatling stops the run regardless. */
  private static final long GRACE_S = 60;

  /**
   * @param name the scenario's name, also the measured request's name in Gatling's statistics
   * @param request builds the request with its checks under the given request name
   */
  protected VivaceSimulation(String name, Function<String, HttpRequestActionBuilder> request) {
    LoadSettings settings = LoadSettings.fromSystemProperties();
    HttpProtocolBuilder protocol = http.baseUrl(settings.baseUrl())
        .disableWarmUp()
        // Every request asks for the full response: no If-None-Match from Gatling's HTTP cache
        // (the blog's lists send ETags and would otherwise be measured as 304s).
        .disableCaching()
        .userAgentHeader("vivace-gatling");
    String warmupName = name + LoadSettings.WARMUP_SUFFIX;
    Duration warmup = settings.warmup();
    PopulationBuilder population;
    if (settings.open()) {
      protocol = protocol.shareConnections();
      PopulationBuilder measured = scenario(name).exec(request.apply(name))
          .injectOpen(constantUsersPerSec(settings.rate()).during(settings.duration()));
      population = warmup.isZero() ? measured
          : scenario(warmupName).exec(request.apply(warmupName))
              .injectOpen(constantUsersPerSec(settings.rate()).during(warmup))
              .andThen(measured);
    } else {
      ScenarioBuilder users = scenario(name);
      if (!warmup.isZero()) {
        users = users.during(warmup).on(exec(request.apply(warmupName)));
      }
      population = users.during(settings.duration()).on(exec(request.apply(name)))
          .injectOpen(atOnceUsers(settings.concurrency()));
    }
    setUp(population)
        .protocols(protocol)
        .maxDuration(warmup.plus(settings.duration()).plusSeconds(GRACE_S))
        .assertions(global().failedRequests().count().is(0L));
  }

  /** Marks the start of the load for {@link LoadWindow}; Gatling calls it just before injecting users. */
  @Override
  public void before() {
    LoadWindow.markStart();
  }

  /** The settings of this run (system properties). */
  protected static LoadSettings settings() {
    return LoadSettings.fromSystemProperties();
  }
}
