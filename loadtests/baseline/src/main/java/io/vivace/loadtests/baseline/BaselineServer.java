package io.vivace.loadtests.baseline;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The raw Vert.x baseline that Vivace is measured against: {@link BaselineVerticle} deployed once
 * per event loop on a shared port, native transport (epoll) where available.
 *
 * <p>Environment: {@code PORT} (8080), {@code HOST} (0.0.0.0), {@code EVENT_LOOPS} (number of
 * cores). Stops cleanly on SIGTERM.
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
    Vertx vertx;
    try {
      vertx = start(host, port, eventLoops).toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      System.err.println("baseline: failed to start on " + host + ":" + port + ": " + e.getCause());
      System.exit(1);
      return;
    }
    String transport = vertx.isNativeTransportEnabled()
        ? "native" : "nio (native unavailable: " + vertx.unavailableNativeTransportCause() + ")";
    System.out.printf("baseline: listening on %s:%d, transport=%s, eventLoops=%d%n", host, port, transport, eventLoops);
    // SIGTERM runs the shutdown hooks: close Vert.x (undeploys the verticles, closes the servers).
    Runtime.getRuntime().addShutdownHook(new Thread(() -> close(vertx), "baseline-shutdown"));
  }

  /**
   * Creates a Vert.x instance with {@code eventLoops} event loops and deploys one
   * {@link BaselineVerticle} per event loop, all listening on {@code host:port}.
   *
   * @return the running Vert.x instance (close it to stop), or a failure after closing it
   */
  public static Future<Vertx> start(String host, int port, int eventLoops) {
    Vertx vertx = Vertx.vertx(new VertxOptions()
        .setPreferNativeTransport(true)
        .setEventLoopPoolSize(eventLoops));
    return vertx.deployVerticle(() -> new BaselineVerticle(host, port), new DeploymentOptions().setInstances(eventLoops))
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
