package io.vivace.loadtests.baseline;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.pgclient.PgConnectOptions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The raw Vert.x baseline that Vivace is measured against: {@link BaselineVerticle} deployed once
 * per event loop on a shared port, native transport (epoll) where available, and, with a database,
 * one PostgreSQL connection per event loop opened on that loop ({@link LoopConnection}: no pool,
 * queries pipelined, prepared queries created once per connection), the layout of TechEmpower's
 * fastest Vert.x entries. It has no settings of its own beyond these and shares none of Vivace's.
 *
 * <p>Environment: {@code PORT} (8080), {@code HOST} (0.0.0.0), {@code EVENT_LOOPS} (number of
 * cores), {@code DATABASE_URL} ({@code postgres://user[:password]@host[:port]/database}; unset:
 * no database, the database routes answer 503; the tables and rows are those of the techempower
 * example's Flyway migration, which the baseline expects to exist). Stops cleanly on SIGTERM.
 */
public final class BaselineServer {
  private BaselineServer() {
  }

  /**
   * Starts the server from the environment and prints one line once it listens.
   *
   * @param args ignored
   */
  public static void main(String[] args) throws InterruptedException {
    String host = env("HOST", "0.0.0.0");
    int port = Integer.parseInt(env("PORT", "8080"));
    int eventLoops = Integer.parseInt(env("EVENT_LOOPS", Integer.toString(Runtime.getRuntime().availableProcessors())));
    String databaseUrl = env("DATABASE_URL", null);
    Vertx vertx;
    try {
      vertx = start(host, port, eventLoops, databaseUrl).toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      System.err.println("baseline: failed to start on " + host + ":" + port + ": " + e.getCause());
      System.exit(1);
      return;
    }
    String transport = vertx.isNativeTransportEnabled()
        ? "native" : "nio (native unavailable: " + vertx.unavailableNativeTransportCause() + ")";
    String db = "none (no DATABASE_URL: the database routes answer 503)";
    if (databaseUrl != null) {
      PgConnectOptions o = DbEndpoints.connectOptions(databaseUrl);
      db = o.getUser() + "@" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase()
          + " (one connection per event loop, pipelining limit " + o.getPipeliningLimit() + ")";
    }
    System.out.printf("baseline: listening on %s:%d, transport=%s, eventLoops=%d, db=%s%n",
        host, port, transport, eventLoops, db);
    // SIGTERM runs the shutdown hooks: close Vert.x (undeploys the verticles, closes the servers).
    Runtime.getRuntime().addShutdownHook(new Thread(() -> close(vertx), "baseline-shutdown"));
  }

  /** {@link #start(String, int, int, String)} without a database. */
  public static Future<Vertx> start(String host, int port, int eventLoops) {
    return start(host, port, eventLoops, null);
  }

  /**
   * Creates a Vert.x instance with {@code eventLoops} event loops and deploys one
   * {@link BaselineVerticle} per event loop, all listening on {@code host:port}, each with its own
   * connection to {@code databaseUrl} (none when it is null).
   *
   * @return the running Vert.x instance (close it to stop; that closes the connections too), or a
   *     failure (such as an unreachable database) after closing it
   */
  public static Future<Vertx> start(String host, int port, int eventLoops, String databaseUrl) {
    PgConnectOptions database;
    try {
      database = databaseUrl == null ? null : DbEndpoints.connectOptions(databaseUrl);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Vertx vertx = Vertx.vertx(new VertxOptions()
        .setPreferNativeTransport(true)
        .setEventLoopPoolSize(eventLoops));
    return vertx.deployVerticle(() -> new BaselineVerticle(host, port, database), new DeploymentOptions().setInstances(eventLoops))
        .<Vertx>map(id -> vertx)
        .recover(err -> vertx.close().transform(ignored -> Future.failedFuture(err)));
  }

  /** Closes {@code vertx}, waiting at most 10 seconds. */
  static void close(Vertx vertx) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("baseline: close failed: " + e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }
}
