package io.vivace;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vivace.health.Health;
import io.vivace.route.Routes;
import java.util.List;

/**
 * A Vivace application: routes declared on it (see {@link Routes}), then started as one HTTP
 * verticle per event loop sharing the port. Create one with {@link Vivace#app()}.
 *
 * <pre>{@code
 * var app = Vivace.app();
 * app.get("/hello/:name", Path.string("name"), name -> "Hello, " + name);
 * app.run();
 * }</pre>
 *
 * Declare routes and health checks before {@link #start()}; routes added later are not served.
 */
public interface App extends Routes {

  /** Adds a filter to every route of the app (see {@link Routes#filter}). */
  @Override
  App filter(io.vivace.filter.Filter filter);

  /** Adds a guard to every route of the app (see {@link Routes#require}). */
  @Override
  App require(io.vivace.extract.Extractor<?> guard);

  /** The default request timeout of the app's routes (see {@link io.vivace.route.RouteDef#timeout}); null: none. */
  @Override
  App timeout(java.time.Duration timeout);

  /** Declares a group of routes under {@code prefix} (see {@link Routes#group}). */
  @Override
  App group(String prefix, java.util.function.Consumer<Routes> routes);

  /**
   * Adds a validator: the settings phase of {@link #start()}. Every validator runs, in the order
   * added, before Vert.x is created and before any start hook, so a bad setting stops the app
   * before any heavy work (an embedded database, migrations, connections). It is given the one
   * {@link io.vivace.config.Config} of this start (environment and system properties), reads and
   * checks its module's {@link io.vivace.config.Setting}s and keeps the values for its start hook.
   * A {@link io.vivace.config.ConfigException} it throws fails {@link #start()} (and {@link #run()}
   * prints its one line and exits 2). Called on the thread that calls {@link #start()}; must not
   * block.
   *
   * @param validator reads and checks settings; throws {@code ConfigException} naming the setting
   */
  App onValidate(java.util.function.Consumer<io.vivace.config.Config> validator);

  /**
   * Adds a start hook: it runs after Vert.x is created and before the HTTP verticles deploy, so no
   * request arrives before it completes. Hooks run in the order added, each after the previous
   * one's future completed; a failed hook fails {@link #start()} (and {@link #run()} exits 1).
   * Blocking work belongs in {@code vertx.executeBlocking}. Called on a Vert.x thread.
   *
   * @param hook given the app's Vert.x; returns a future that completes when the hook is done
   */
  App onStart(java.util.function.Function<Vertx, Future<?>> hook);

  /**
   * Adds a stop hook: it runs on {@link #stop()} after the servers have drained and before Vert.x
   * closes. Stop hooks run in reverse order of addition; a failure is logged and the next still
   * runs.
   */
  App onStop(java.util.function.Function<Vertx, Future<?>> hook);

  /**
   * The app's one instance of a component that several modules share (for example the Redis
   * client of the caches and of the login throttle): made by {@code factory} on the first call for
   * {@code type}, the same instance for every later call. Ask before {@link #start()} (a factory
   * usually adds validators and hooks). Thread-safe.
   *
   * @param type the component's key
   * @param factory makes it, given this app; must not return null
   */
  <T> T component(Class<T> type, java.util.function.Function<App, T> factory);

  /**
   * Sets this app's CORS (Fetch standard) in place of what {@code VIVACE_CORS_*} say: which other
   * origins' pages may call it from a browser. Preflights are answered before routing and never
   * reach a handler; every response (404s included) gets the CORS headers its request's
   * {@code Origin} calls for. Without this call the app reads {@code VIVACE_CORS_*} at start (unset
   * {@code VIVACE_CORS_ORIGINS}: off). Checked at {@link #start()}: {@code *} with credentials fails
   * it with a {@link io.vivace.config.ConfigException}.
   *
   * @param options the CORS options; not null (options without origins turn CORS off)
   * @throws IllegalStateException after start
   */
  App cors(io.vivace.cors.CorsOptions options);

  /**
   * Sets this app's security-headers preset ({@code X-Content-Type-Options},
   * {@code Referrer-Policy}, {@code Content-Security-Policy}, HSTS over TLS) in place of what
   * {@code VIVACE_SECURITY_*} say; without this call the app reads them at start (off by default).
   *
   * @param options the preset's options; not null
   * @throws IllegalStateException after start
   */
  App securityHeaders(io.vivace.headers.SecurityHeadersOptions options);

  /**
   * Sets this app's response compression (gzip, deflate) in place of what
   * {@code VIVACE_COMPRESSION*} say; without this call the app reads them at start (off by default).
   *
   * @param options the compression options; not null
   * @throws IllegalStateException after start
   */
  App compression(io.vivace.compression.CompressionOptions options);

  /**
   * Sets this app's TLS (PEM files, reload interval, HTTP-to-HTTPS redirect port) in place of what
   * {@code VIVACE_TLS_*} say; without this call the app reads them at start (off by default).
   *
   * @param options the TLS options; not null
   * @throws IllegalStateException after start
   */
  App tls(io.vivace.tls.TlsOptions options);

  /** The health checks behind the health route. */
  Health health();

  /** The routes declared so far, in order (a snapshot). */
  List<io.vivace.route.RouteDef> routes();

  /**
   * The routes declared so far as they are served: each with the filters, guards and default
   * timeout of the app and of the groups that declared it (a snapshot; the OpenAPI document is
   * made of these).
   */
  List<io.vivace.route.RouteDef> servedRoutes();

  /**
   * Starts the app: reads its options (from the environment unless given), creates Vert.x with
   * the native transport when available, deploys one HTTP verticle per event loop and logs one
   * line with the transport, the event loops and the port.
   *
   * <p>Order: its own options, then every {@link #onValidate validator}, then Vert.x, then the
   * start hooks, then the HTTP verticles.
   *
   * @return completes when every event loop listens; fails with
   *     {@link io.vivace.config.ConfigException} on invalid configuration (before anything
   *     started), or the failure of a start hook, or the bind error
   */
  Future<App> start();

  /**
   * Starts the app for a {@code main} method and takes care of the process: on invalid
   * configuration it prints one line naming the setting and exits with status 2; on any other
   * startup failure one line and status 1; on SIGTERM or SIGINT it shuts down gracefully
   * ({@link #stop()}) and exits with status 0. Returns once the app is started.
   */
  void run();

  /**
   * Graceful shutdown: the readiness probe ({@code GET /health/ready}) answers 503 at once; after
   * the drain delay ({@code VIVACE_DRAIN_DELAY}, ms) the servers stop accepting connections and let
   * in-flight requests finish for up to the shutdown timeout ({@code VIVACE_SHUTDOWN_TIMEOUT}, ms);
   * then the stop hooks run, the metrics close and Vert.x closes.
   */
  Future<Void> stop();

  /** The port the app listens on (the chosen one when configured with port 0); -1 before start. */
  int port();

  /** The Vert.x instance; available once started. */
  Vertx vertx();
}
