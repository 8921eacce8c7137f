package io.vivace.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.transport.Transport;
import io.vivace.App;
import io.vivace.compression.CompressionOptions;
import io.vivace.config.Config;
import io.vivace.config.VivaceOptions;
import io.vivace.cors.CorsOptions;
import io.vivace.extract.Extractor;
import io.vivace.filter.Filter;
import io.vivace.headers.SecurityHeadersOptions;
import io.vivace.health.Health;
import io.vivace.health.impl.Probes;
import io.vivace.metrics.Metrics;
import io.vivace.metrics.impl.HttpServerMeters;
import io.vivace.metrics.impl.MetricsImpl;
import io.vivace.observe.impl.TracerHolder;
import io.vivace.openapi.OpenApi;
import io.vivace.openapi.OpenApiOptions;
import io.vivace.openapi.impl.DocsRoutes;
import io.vivace.route.Endpoint;
import io.vivace.route.RouteDef;
import io.vivace.route.Routes;
import io.vivace.route.impl.Scope;
import io.vivace.server.impl.HttpServers;
import io.vivace.server.impl.OpsRoutes;
import io.vivace.server.impl.ServerStages;
import io.vivace.server.impl.VertxInternals;
import io.vivace.tls.TlsOptions;
import io.vivace.tls.impl.TlsFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link App} implementation: holds declarations, then owns Vert.x and the HTTP verticles. */
public final class AppImpl implements App {
  private static final Logger LOG = LoggerFactory.getLogger(App.class);

  private final VivaceOptions given;
  private final List<RouteDef> routes = new ArrayList<>();
  private final Scope root = new Scope(this::add);
  private final Health health = new Health();
  private final java.util.Map<Class<?>, Object> components = new java.util.HashMap<>();
  private final MetricsImpl metrics = new MetricsImpl();
  private final TracerHolder tracing = new TracerHolder();
  private final List<Consumer<Config>> validators = new ArrayList<>();
  private final Hooks hooks = new Hooks();
  private CorsOptions corsGiven;
  private SecurityHeadersOptions securityHeadersGiven;
  private CompressionOptions compressionGiven;
  private TlsOptions tlsGiven;
  private TlsOptions tls;
  private TlsFiles tlsFiles;
  private ServerStages stages;
  private OpenApiOptions openApi;
  private boolean docsOnManagement;
  private volatile VivaceOptions options;
  private volatile Vertx vertx;
  private volatile HttpServers servers;
  private volatile ExecutorService virtualThreads;
  private volatile Probes probes;
  private Future<App> started;

  public AppImpl(VivaceOptions options) {
    this.given = options;
    components.put(Metrics.class, metrics);
    components.put(TracerHolder.class, tracing);
  }

  @Override
  public synchronized RouteDef route(HttpMethod method, String path, Endpoint endpoint) {
    return root.route(method, path, endpoint);
  }

  /** Records a route declared on the app or in a group. */
  private synchronized void add(RouteDef def) {
    if (started != null) {
      throw new IllegalStateException("routes must be declared before the app starts: " + def);
    }
    routes.add(def);
  }

  @Override
  public synchronized App filter(Filter filter) {
    checkNotStarted("filters");
    root.filter(filter);
    return this;
  }

  @Override
  public synchronized App require(Extractor<?> guard) {
    checkNotStarted("guards");
    root.require(guard);
    return this;
  }

  @Override
  public synchronized App timeout(Duration timeout) {
    checkNotStarted("timeouts");
    root.timeout(timeout);
    return this;
  }

  @Override
  public synchronized App group(String prefix, Consumer<Routes> declare) {
    checkNotStarted("groups");
    root.group(prefix, declare);
    return this;
  }

  @Override
  public synchronized <T> T component(Class<T> type, Function<App, T> factory) {
    Object existing = components.get(java.util.Objects.requireNonNull(type, "type"));
    if (existing == null) {
      checkNotStarted("components");
      existing = java.util.Objects.requireNonNull(factory.apply(this), "the factory of " + type.getName() + " returned null");
      components.put(type, existing);
    }
    return type.cast(existing);
  }

  @Override
  public synchronized App onValidate(Consumer<Config> validator) {
    checkNotStarted("validators");
    validators.add(java.util.Objects.requireNonNull(validator, "validator"));
    return this;
  }

  @Override
  public synchronized App onStart(Function<Vertx, Future<?>> hook) {
    checkNotStarted("start hooks");
    hooks.onStart(hook);
    return this;
  }

  @Override
  public synchronized App onStop(Function<Vertx, Future<?>> hook) {
    checkNotStarted("stop hooks");
    hooks.onStop(hook);
    return this;
  }

  @Override
  public synchronized App cors(CorsOptions options) {
    checkNotStarted("CORS");
    corsGiven = java.util.Objects.requireNonNull(options, "options");
    return this;
  }

  @Override
  public synchronized App securityHeaders(SecurityHeadersOptions options) {
    checkNotStarted("security headers");
    securityHeadersGiven = java.util.Objects.requireNonNull(options, "options");
    return this;
  }

  @Override
  public synchronized App compression(CompressionOptions options) {
    checkNotStarted("compression");
    compressionGiven = java.util.Objects.requireNonNull(options, "options");
    return this;
  }

  @Override
  public synchronized App tls(TlsOptions options) {
    checkNotStarted("TLS");
    tlsGiven = java.util.Objects.requireNonNull(options, "options");
    return this;
  }

  private void checkNotStarted(String what) {
    if (started != null) {
      throw new IllegalStateException(what + " must be added before the app starts");
    }
  }

  @Override
  public Health health() {
    return health;
  }

  @Override
  public synchronized List<RouteDef> routes() {
    return List.copyOf(routes);
  }

  @Override
  public synchronized List<RouteDef> servedRoutes() {
    return routes.stream().map(root::served).toList();
  }

  @Override
  public synchronized Future<App> start() {
    if (started != null) {
      return started;
    }
    long t0 = System.nanoTime();
    try {
      Config config = Config.system();
      options = given != null ? given : VivaceOptions.from(config);
      stages = ServerStages.of(corsGiven != null ? corsGiven : CorsOptions.from(config),
          securityHeadersGiven != null ? securityHeadersGiven : SecurityHeadersOptions.from(config),
          compressionGiven != null ? compressionGiven : CompressionOptions.from(config));
      openApi = OpenApiOptions.from(config);
      if (options.requestTimeoutMs() > 0) {
        root.defaultTimeout(Duration.ofMillis(options.requestTimeoutMs()));
      }
      if (openApi.export() != null) { // write the document and start nothing: before the validators (JWT_SECRET...)
        OpenApi.write(this, openApi, java.nio.file.Path.of(openApi.export()));
        started = Future.failedFuture(new OpenApi.Exported(openApi.export()));
        return started;
      }
      docsOnManagement = openApi.onManagement(options.managementPort() > 0);
      tls = tlsGiven != null ? tlsGiven : TlsOptions.from(config);
      tlsFiles = tls.enabled() ? TlsFiles.read(tls) : null; // a bad file: ConfigException naming it
      VertxInternals.check();
      metrics.open(options); // before the validators and hooks, which may ask for the registry
      tracing.open(options.observe().tracing(), config); // likewise for the tracer (Traces.of)
      stages = stages.tracer(tracing.tracer());
      for (Consumer<Config> validator : validators) {
        validator.accept(config);
      }
    } catch (RuntimeException | java.io.IOException e) { // ConfigException: exit 2 in run(); nothing has started yet
      tracing.close();
      started = Future.failedFuture(e);
      return started;
    }
    VivaceOptions o = options;
    vertx = Vertx.vertx(new VertxOptions()
        .setEventLoopPoolSize(o.eventLoops())
        .setWorkerPoolSize(o.workerPoolSize())
        .setPreferNativeTransport(o.nativeTransport()));
    vertx.exceptionHandler(Fatal::check); // an Error on an event loop ends the process
    virtualThreads = o.virtualThreads() ? VirtualThreads.executorOrNull() : null;
    metrics.bind(vertx, o);
    probes = new Probes(health, o.livenessTimeoutMs());
    List<RouteDef> served = servedRoutes();
    OpsRoutes ops = new OpsRoutes(metrics, probes, o);
    if (docsOnManagement) {
      ops.managementOnly(router -> DocsRoutes.mount(router, served, openApi));
    }
    servers = new HttpServers(vertx, docsOnManagement ? served : DocsRoutes.with(served, openApi), health, o, virtualThreads,
        stages, ops, metrics.registry() == null ? null
            : new HttpServerMeters(metrics.registry(), HttpServerMeters.bucketsOfMillis(o.metricsBucketsMs())),
        tls, tlsFiles);
    // A promise bound to no context: its listeners run wherever it completes, even after a failed
    // start has closed Vert.x and its event loops.
    Promise<App> result = Promise.promise();
    started = result.future();
    if (Hosted.on()) {
      Hosted.track(this, started);
    }
    hooks.start(vertx).compose(ignored -> servers.deploy()).onComplete(port -> {
      String transport = vertx.isNativeTransportEnabled() ? Transport.nativeTransport().name() : "nio";
      LOG.info("Vivace listening on {}://{}:{} (transport: {}, event loops: {}, blocking handlers on: {}) in {} ms",
          tlsFiles != null ? "https" : "http", o.host(), port, transport, o.eventLoops(), virtualThreads != null ? "virtual threads" : "worker pool",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
      result.complete(this);
    }, failure -> hooks.stop(vertx).onComplete(ignored -> {
      result.fail(failure);
      metrics.close();
      tracing.close();
      vertx.close();
    }));
    return started;
  }

  @Override
  public void run() {
    Runner.run(this, () -> options, () -> openApi != null ? openApi.export() : null);
  }

  @Override
  public Future<Void> stop() {
    Vertx v = vertx;
    if (v == null) {
      return Future.succeededFuture();
    }
    HttpServers s = servers;
    // Readiness turns to 503 first; after the drain delay (load balancers see it) the drain starts.
    Probes p = probes;
    if (p != null) {
      p.stopping();
    }
    long delay = options.drainDelayMs();
    // A promise bound to no context (as below): a context's future would call back on an event
    // loop, and the last step closes them.
    Promise<Void> notReady = Promise.promise();
    if (delay > 0 && s != null) {
      v.setTimer(delay, id -> notReady.complete());
    } else {
      notReady.complete();
    }
    Future<Void> drained = s == null ? Future.succeededFuture()
        : notReady.future().transform(ignored -> s.shutdown(options.shutdownTimeoutMs()));
    // The metrics close (their event-loop probes stop) before Vert.x closes its event loops.
    return drained.eventually(() -> hooks.stop(v)).andThen(ignored -> metrics.close())
        .eventually(() -> Future.fromCompletionStage(tracing.close())) // pending spans exported
        .eventually(v::close).andThen(ignored -> {
      ExecutorService vt = virtualThreads;
      if (vt != null) {
        vt.shutdown();
      }
    });
  }

  /** The management server's port ({@code VIVACE_MANAGEMENT_PORT}), or -1 when there is none. */
  public int managementPort() {
    HttpServers s = servers;
    return s == null ? -1 : s.managementPort();
  }

  @Override
  public int port() {
    HttpServers s = servers;
    return s == null ? -1 : s.port();
  }

  @Override
  public Vertx vertx() {
    Vertx v = vertx;
    if (v == null) {
      throw new IllegalStateException("the app has not been started");
    }
    return v;
  }
}
