package io.vivace.loadtests.gatling.run;

import io.gatling.javaapi.core.Simulation;
import io.vivace.loadtests.gatling.sim.AuthJsonSimulation;
import io.vivace.loadtests.gatling.sim.BlogEagerSimulation;
import io.vivace.loadtests.gatling.sim.BlogPageSimulation;
import io.vivace.loadtests.gatling.sim.CachedQueriesSimulation;
import io.vivace.loadtests.gatling.sim.DbSimulation;
import io.vivace.loadtests.gatling.sim.FortunesSimulation;
import io.vivace.loadtests.gatling.sim.JsonPostSimulation;
import io.vivace.loadtests.gatling.sim.JsonSimulation;
import io.vivace.loadtests.gatling.sim.PlaintextSimulation;
import io.vivace.loadtests.gatling.sim.QueriesSimulation;
import io.vivace.loadtests.gatling.sim.UpdatesSimulation;
import java.util.Arrays;
import java.util.Locale;

/**
 * The load-test scenarios, in the order the runner measures them: the Gatling simulation of each,
 * the app that serves it, and the request that tells whether the endpoint exists (a 404 there
 * skips the scenario on that server).
 */
public enum Scenario {
  PLAINTEXT("plaintext", PlaintextSimulation.class, App.TECHEMPOWER, "GET", "/plaintext"),
  JSON("json", JsonSimulation.class, App.TECHEMPOWER, "GET", "/json"),
  JSON_POST("json-post", JsonPostSimulation.class, App.TECHEMPOWER, "POST", "/echo"),
  AUTH_JSON("auth-json", AuthJsonSimulation.class, App.TECHEMPOWER, "GET", "/auth/json"),
  DB("db", DbSimulation.class, App.TECHEMPOWER, "GET", "/db"),
  QUERIES("queries", QueriesSimulation.class, App.TECHEMPOWER, "GET", "/queries?queries=2"),
  FORTUNES("fortunes", FortunesSimulation.class, App.TECHEMPOWER, "GET", "/fortunes"),
  UPDATES("updates", UpdatesSimulation.class, App.TECHEMPOWER, "GET", "/updates?queries=1"),
  CACHED_QUERIES("cached-queries", CachedQueriesSimulation.class, App.TECHEMPOWER, "GET", "/cached-queries?count=2"),
  BLOG_PAGE("blog-page", BlogPageSimulation.class, App.BLOG, "GET", "/posts?page=1&per_page=20"),
  BLOG_EAGER("blog-eager", BlogEagerSimulation.class, App.BLOG, "GET", "/posts/1?include=author,comments,tags");

  /** Which app serves a scenario: the baseline has only the techempower app's endpoints. */
  public enum App { TECHEMPOWER, BLOG }

  private final String id;
  private final Class<? extends Simulation> simulation;
  private final App app;
  private final String probeMethod;
  private final String probePath;

  Scenario(String id, Class<? extends Simulation> simulation, App app, String probeMethod, String probePath) {
    this.id = id;
    this.simulation = simulation;
    this.app = app;
    this.probeMethod = probeMethod;
    this.probePath = probePath;
  }

  /** The scenario's name on the command line, in targets.json and as Gatling's request name. */
  public String id() {
    return id;
  }

  public Class<? extends Simulation> simulation() {
    return simulation;
  }

  public App app() {
    return app;
  }

  /** The method of the existence probe. */
  public String probeMethod() {
    return probeMethod;
  }

  /** The path (and query) of the existence probe. */
  public String probePath() {
    return probePath;
  }

  /**
   * @param id a scenario's {@link #id()}, case-insensitive
   * @throws IllegalArgumentException naming the known scenarios when there is none of that name
   */
  public static Scenario of(String id) {
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    for (Scenario s : values()) {
      if (s.id.equals(wanted)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scenario '" + id + "'; known: "
        + String.join(", ", Arrays.stream(values()).map(Scenario::id).toList()) + ", all");
  }
}
