package io.vivace.config;

/**
 * Options of a Vivace application: the HTTP server, its limits and the event loops. Every field
 * has a documented {@code DEFAULT_*} and is declared once as a {@link Setting} (environment
 * variable, bounds, doc; all in {@link #SETTINGS}); {@link #fromEnvironment()} reads each from an
 * environment variable or a system property (see {@link Config} for the naming rule). Setters check
 * through the same declaration and throw {@link IllegalArgumentException} naming the setting and
 * showing the bad value. Not thread-safe: configure, then start.
 */
public final class VivaceOptions {
  /** Port to listen on: {@value}. Environment {@code PORT}. {@code 0} picks a free port. */
  public static final int DEFAULT_PORT = 8080;
  /** Interface to bind: {@value}. Environment {@code HOST}. */
  public static final String DEFAULT_HOST = "0.0.0.0";
  /** Event loops, one HTTP verticle each: the number of cores. Environment {@code VIVACE_EVENT_LOOPS}. */
  public static final int DEFAULT_EVENT_LOOPS = Runtime.getRuntime().availableProcessors();
  /** Largest request body in bytes, else 413: 1 MiB. Environment {@code VIVACE_MAX_BODY_SIZE}. */
  public static final long DEFAULT_MAX_BODY_SIZE = 1024 * 1024;
  /** Longest request line in bytes, else 414: {@value}. Environment {@code VIVACE_MAX_URI_LENGTH}. */
  public static final int DEFAULT_MAX_URI_LENGTH = 8192;
  /** Largest header block in bytes, else 431: {@value}. Environment {@code VIVACE_MAX_HEADER_SIZE}. */
  public static final int DEFAULT_MAX_HEADER_SIZE = 8192;
  /** Seconds an idle connection stays open: {@value}. Environment {@code VIVACE_IDLE_TIMEOUT}. */
  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 60;
  /**
   * Milliseconds a request body may take to arrive, counted from its head, else 408 and the
   * connection is closed (a client trickling a body cannot hold a connection open): {@value}.
   * {@code 0} turns the bound off. Environment {@code VIVACE_BODY_TIMEOUT}.
   */
  public static final long DEFAULT_BODY_TIMEOUT_MS = 30_000;
  /**
   * Milliseconds a route's handler may take, for every route and group that declares no timeout of
   * its own ({@code RouteDef.timeout}, {@code Routes.timeout}): on expiry a 503 problem, and the
   * late result is dropped: {@value}, no bound. A timeout set in code on the app wins. Environment
   * {@code VIVACE_REQUEST_TIMEOUT}.
   */
  public static final long DEFAULT_REQUEST_TIMEOUT_MS = 0;
  /** Milliseconds in-flight requests get on shutdown: {@value}. Environment {@code VIVACE_SHUTDOWN_TIMEOUT}. */
  public static final long DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
  /** Path of the health route: {@value}; {@code off} disables it. Environment {@code VIVACE_HEALTH_PATH}. */
  public static final String DEFAULT_HEALTH_PATH = "/health";
  /** Value of the {@code Server} header: {@value}. Environment {@code VIVACE_SERVER_NAME}. */
  public static final String DEFAULT_SERVER_NAME = "Vivace";
  /** Use epoll where it loads: {@value}. Environment {@code VIVACE_NATIVE_TRANSPORT}. */
  public static final boolean DEFAULT_NATIVE_TRANSPORT = true;
  /**
   * Vert.x strict thread mode for HTTP/1.x connections: {@value}. Vivace writes every response on
   * its connection's event loop, so Vert.x can skip cross-thread synchronization. Environment
   * {@code VIVACE_STRICT_THREAD_MODE}.
   */
  public static final boolean DEFAULT_STRICT_THREAD_MODE = true;
  /**
   * Accept HTTP/2 over cleartext (h2c upgrade and prior knowledge): {@value}. Off, every new
   * connection skips the h2c detection. Environment {@code VIVACE_H2C}.
   */
  public static final boolean DEFAULT_H2C = false;
  /** Threads for blocking handlers when virtual threads are off or missing: {@value}. Environment {@code VIVACE_WORKER_POOL_SIZE}. */
  public static final int DEFAULT_WORKER_POOL_SIZE = 20;
  /** Run blocking handlers on virtual threads when the JVM has them (21+): {@value}. Environment {@code VIVACE_VIRTUAL_THREADS}. */
  public static final boolean DEFAULT_VIRTUAL_THREADS = true;
  /**
   * Serve Prometheus metrics at {@code GET /metrics} (Micrometer): {@value}. Off, no registry is
   * made and nothing is recorded. Environment {@code VIVACE_METRICS}.
   */
  public static final boolean DEFAULT_METRICS = true;
  /**
   * Port of a separate management server for {@code /metrics} and the liveness and readiness
   * probes: {@value}, which serves them on the app's port. Environment {@code VIVACE_MANAGEMENT_PORT}.
   */
  public static final int DEFAULT_MANAGEMENT_PORT = 0;
  /**
   * Milliseconds between the readiness probe turning to 503 on shutdown and the drain (time for
   * load balancers to see it): {@value}. Environment {@code VIVACE_DRAIN_DELAY}.
   */
  public static final long DEFAULT_DRAIN_DELAY_MS = 0;
  /** Milliseconds each event loop gets to answer the liveness probe: {@value}. Environment {@code VIVACE_LIVENESS_TIMEOUT}. */
  public static final long DEFAULT_LIVENESS_TIMEOUT_MS = 1_000;
  /** Milliseconds between event-loop lag measurements on each loop: {@value}. Environment {@code VIVACE_EVENT_LOOP_LAG_INTERVAL}. */
  public static final long DEFAULT_EVENT_LOOP_LAG_INTERVAL_MS = 500;
  /**
   * The deployment profile: {@value}. {@code prod} refuses what only development may use: without
   * {@code DATABASE_URL}, the embedded PostgreSQL (even when {@code vivace-db-embedded} is on the
   * class path) makes the start fail with one line naming {@code DATABASE_URL}. Environment
   * {@code VIVACE_PROFILE}.
   */
  public static final String DEFAULT_PROFILE = "dev";
  /**
   * Upper bounds, in ms, of the {@code http.server.requests} latency histogram's buckets: 5 ms to
   * 10 s (those of {@code HttpServerMeters.DEFAULT_BUCKETS}). Environment {@code VIVACE_METRICS_BUCKETS}.
   */
  public static final java.util.List<Long> DEFAULT_METRICS_BUCKETS_MS = java.util.List.of(
      5L, 10L, 25L, 50L, 100L, 250L, 500L, 1_000L, 2_500L, 5_000L, 10_000L);

  /** {@code PORT}. */
  public static final Setting<Integer> PORT = Setting.integer("PORT", "port", DEFAULT_PORT, 0, 65535,
      "port to listen on; 0 picks a free one (the startup line says which)");
  /** {@code HOST}. */
  public static final Setting<String> HOST = Setting.string("HOST", "host", DEFAULT_HOST, "interface to bind");
  /** {@code VIVACE_EVENT_LOOPS}. */
  public static final Setting<Integer> EVENT_LOOPS = Setting.integer("VIVACE_EVENT_LOOPS", "eventLoops",
      DEFAULT_EVENT_LOOPS, 1, 1024, "event loops; one HTTP verticle runs on each, sharing the port")
      .defaultShownAs("number of cores");
  /** {@code VIVACE_MAX_BODY_SIZE}. */
  public static final Setting<Long> MAX_BODY_SIZE = Setting.longValue("VIVACE_MAX_BODY_SIZE", "maxBodySize",
      DEFAULT_MAX_BODY_SIZE, 0, Integer.MAX_VALUE, "largest request body, bytes (413 above)");
  /** {@code VIVACE_MAX_URI_LENGTH}. */
  public static final Setting<Integer> MAX_URI_LENGTH = Setting.integer("VIVACE_MAX_URI_LENGTH", "maxUriLength",
      DEFAULT_MAX_URI_LENGTH, 256, 1 << 20, "longest request line, bytes (414 above)");
  /** {@code VIVACE_MAX_HEADER_SIZE}. */
  public static final Setting<Integer> MAX_HEADER_SIZE = Setting.integer("VIVACE_MAX_HEADER_SIZE", "maxHeaderSize",
      DEFAULT_MAX_HEADER_SIZE, 1024, 1 << 20, "largest header block, bytes (431 above)");
  /** {@code VIVACE_IDLE_TIMEOUT}. */
  public static final Setting<Integer> IDLE_TIMEOUT = Setting.integer("VIVACE_IDLE_TIMEOUT", "idleTimeoutSeconds",
      DEFAULT_IDLE_TIMEOUT_SECONDS, 0, 86_400, "seconds of silence (nothing read or written) before a connection is closed, within 1.25 times that on HTTP/1.x (checked per connection, no per-request cost); 0 never");
  /** {@code VIVACE_SHUTDOWN_TIMEOUT}. */
  public static final Setting<Long> SHUTDOWN_TIMEOUT = Setting.longValue("VIVACE_SHUTDOWN_TIMEOUT", "shutdownTimeoutMs",
      DEFAULT_SHUTDOWN_TIMEOUT_MS, 0, 3_600_000, "ms in-flight requests get on shutdown");
  /** {@code VIVACE_REQUEST_TIMEOUT}. */
  public static final Setting<Long> REQUEST_TIMEOUT = Setting.longValue("VIVACE_REQUEST_TIMEOUT", "requestTimeoutMs",
      DEFAULT_REQUEST_TIMEOUT_MS, 0, 3_600_000, "ms a route's handler may take before a 503 problem, for routes and groups without a timeout of their own; 0 never");
  /** {@code VIVACE_BODY_TIMEOUT}. */
  public static final Setting<Long> BODY_TIMEOUT = Setting.longValue("VIVACE_BODY_TIMEOUT", "bodyTimeoutMs",
      DEFAULT_BODY_TIMEOUT_MS, 0, 3_600_000, "ms a request body may take to arrive after its head, else 408 and the connection is closed; 0 never");
  /** {@code VIVACE_HEALTH_PATH}: a path, or {@code off} (read as the empty string: no health route). */
  public static final Setting<String> HEALTH_PATH = Setting.of("VIVACE_HEALTH_PATH", "healthPath", DEFAULT_HEALTH_PATH,
      "a path starting with / or off",
      raw -> raw.equalsIgnoreCase("off") || raw.equalsIgnoreCase("false") ? "" : raw,
      v -> v == null || v.isEmpty() || v.startsWith("/"), "the health route; `off` removes it");
  /** {@code VIVACE_SERVER_NAME}. */
  public static final Setting<String> SERVER_NAME = Setting.string("VIVACE_SERVER_NAME", "serverName",
      DEFAULT_SERVER_NAME, "the `Server` header");
  /** {@code VIVACE_NATIVE_TRANSPORT}. */
  public static final Setting<Boolean> NATIVE_TRANSPORT = Setting.bool("VIVACE_NATIVE_TRANSPORT", "nativeTransport",
      DEFAULT_NATIVE_TRANSPORT, "epoll on Linux (x86_64, aarch64) when it loads, else NIO");
  /** {@code VIVACE_STRICT_THREAD_MODE}. */
  public static final Setting<Boolean> STRICT_THREAD_MODE = Setting.bool("VIVACE_STRICT_THREAD_MODE", "strictThreadMode",
      DEFAULT_STRICT_THREAD_MODE, "Vert.x strict thread mode for HTTP/1.x (Vivace writes responses on the event loop only)");
  /** {@code VIVACE_H2C}. */
  public static final Setting<Boolean> H2C = Setting.bool("VIVACE_H2C", "h2c", DEFAULT_H2C,
      "accept HTTP/2 over cleartext (h2c upgrade and prior knowledge)");
  /** {@code VIVACE_WORKER_POOL_SIZE}. */
  public static final Setting<Integer> WORKER_POOL_SIZE = Setting.integer("VIVACE_WORKER_POOL_SIZE", "workerPoolSize",
      DEFAULT_WORKER_POOL_SIZE, 1, 10_000, "threads for blocking handlers without virtual threads");
  /** {@code VIVACE_VIRTUAL_THREADS}. */
  public static final Setting<Boolean> VIRTUAL_THREADS = Setting.bool("VIVACE_VIRTUAL_THREADS", "virtualThreads",
      DEFAULT_VIRTUAL_THREADS, "run blocking handlers on virtual threads when the JVM has them (21+)");
  /** {@code VIVACE_METRICS}. */
  public static final Setting<Boolean> METRICS = Setting.bool("VIVACE_METRICS", "metrics", DEFAULT_METRICS,
      "serve Prometheus metrics at `/metrics`; false: no registry, nothing recorded, 404");
  /** {@code VIVACE_MANAGEMENT_PORT}. */
  public static final Setting<Integer> MANAGEMENT_PORT = Setting.integer("VIVACE_MANAGEMENT_PORT", "managementPort",
      DEFAULT_MANAGEMENT_PORT, 0, 65535,
      "port of a separate server for `/metrics` and the liveness and readiness probes; 0: the app's port");
  /** {@code VIVACE_DRAIN_DELAY}. */
  public static final Setting<Long> DRAIN_DELAY = Setting.longValue("VIVACE_DRAIN_DELAY", "drainDelayMs",
      DEFAULT_DRAIN_DELAY_MS, 0, 600_000,
      "ms between readiness turning to 503 on shutdown and the drain (let load balancers notice)");
  /** {@code VIVACE_LIVENESS_TIMEOUT}. */
  public static final Setting<Long> LIVENESS_TIMEOUT = Setting.longValue("VIVACE_LIVENESS_TIMEOUT", "livenessTimeoutMs",
      DEFAULT_LIVENESS_TIMEOUT_MS, 1, 60_000, "ms every event loop gets to answer the liveness probe (else 503)");
  /** {@code VIVACE_EVENT_LOOP_LAG_INTERVAL}. */
  public static final Setting<Long> EVENT_LOOP_LAG_INTERVAL = Setting.longValue("VIVACE_EVENT_LOOP_LAG_INTERVAL",
      "eventLoopLagIntervalMs", DEFAULT_EVENT_LOOP_LAG_INTERVAL_MS, 10, 60_000,
      "ms between event-loop lag measurements (a timer on each loop; metrics on)");
  /** {@code VIVACE_METRICS_BUCKETS}: comma-separated durations in ms (1..3600000 each). */
  public static final Setting<java.util.List<String>> METRICS_BUCKETS = Setting.list("VIVACE_METRICS_BUCKETS",
      "metricsBucketsMs", DEFAULT_METRICS_BUCKETS_MS.stream().map(String::valueOf).toList(),
      "durations in ms such as 5,25,100", VivaceOptions::bucketMs,
      "upper bounds, ms, of the `http.server.requests` latency histogram's buckets (metrics on)");

  /** {@code VIVACE_PROFILE}: {@code dev} or {@code prod}; read by the modules that refuse development aids in production. */
  public static final Setting<String> PROFILE = Setting.of("VIVACE_PROFILE", "profile", DEFAULT_PROFILE, "dev or prod",
      raw -> raw.trim().toLowerCase(java.util.Locale.ROOT), v -> "dev".equals(v) || "prod".equals(v),
      "`dev` or `prod`; `prod` refuses development aids: no embedded PostgreSQL without `DATABASE_URL`");

  /** Every setting of these options, in the order docs/configuration.md lists them. */
  public static final java.util.List<Setting<?>> SETTINGS = java.util.List.of(PORT, HOST, EVENT_LOOPS, MAX_BODY_SIZE,
      MAX_URI_LENGTH, MAX_HEADER_SIZE, IDLE_TIMEOUT, BODY_TIMEOUT, REQUEST_TIMEOUT, SHUTDOWN_TIMEOUT, HEALTH_PATH, SERVER_NAME, NATIVE_TRANSPORT,
      STRICT_THREAD_MODE, H2C, WORKER_POOL_SIZE, VIRTUAL_THREADS, METRICS, MANAGEMENT_PORT, DRAIN_DELAY, LIVENESS_TIMEOUT,
      EVENT_LOOP_LAG_INTERVAL, METRICS_BUCKETS, PROFILE);

  private int port = DEFAULT_PORT;
  private String host = DEFAULT_HOST;
  private int eventLoops = DEFAULT_EVENT_LOOPS;
  private long maxBodySize = DEFAULT_MAX_BODY_SIZE;
  private int maxUriLength = DEFAULT_MAX_URI_LENGTH;
  private int maxHeaderSize = DEFAULT_MAX_HEADER_SIZE;
  private int idleTimeoutSeconds = DEFAULT_IDLE_TIMEOUT_SECONDS;
  private long shutdownTimeoutMs = DEFAULT_SHUTDOWN_TIMEOUT_MS;
  private long bodyTimeoutMs = DEFAULT_BODY_TIMEOUT_MS;
  private long requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS;
  private String healthPath = DEFAULT_HEALTH_PATH;
  private String serverName = DEFAULT_SERVER_NAME;
  private boolean nativeTransport = DEFAULT_NATIVE_TRANSPORT;
  private boolean strictThreadMode = DEFAULT_STRICT_THREAD_MODE;
  private boolean h2c = DEFAULT_H2C;
  private int workerPoolSize = DEFAULT_WORKER_POOL_SIZE;
  private boolean virtualThreads = DEFAULT_VIRTUAL_THREADS;
  private boolean metrics = DEFAULT_METRICS;
  private int managementPort = DEFAULT_MANAGEMENT_PORT;
  private long drainDelayMs = DEFAULT_DRAIN_DELAY_MS;
  private long livenessTimeoutMs = DEFAULT_LIVENESS_TIMEOUT_MS;
  private long eventLoopLagIntervalMs = DEFAULT_EVENT_LOOP_LAG_INTERVAL_MS;
  private java.util.List<Long> metricsBucketsMs = DEFAULT_METRICS_BUCKETS_MS;
  private io.vivace.observe.ObserveOptions observe = new io.vivace.observe.ObserveOptions();
  private io.vivace.websocket.WebSocketOptions webSocket = new io.vivace.websocket.WebSocketOptions();

  /** Options with every field at its {@code DEFAULT_*} value; {@link #fromEnvironment()} reads them instead. */
  public VivaceOptions() {
  }

  /**
   * Options read from system properties and the environment, defaults for what is unset.
   *
   * @throws ConfigException naming the first invalid setting
   */
  public static VivaceOptions fromEnvironment() {
    return from(Config.system());
  }

  /**
   * Options read through {@code config}, defaults for what is unset.
   *
   * @throws ConfigException naming the first invalid setting
   */
  public static VivaceOptions from(Config config) {
    VivaceOptions o = new VivaceOptions();
    o.port = PORT.read(config);
    o.host = HOST.read(config);
    o.eventLoops = EVENT_LOOPS.read(config);
    o.maxBodySize = MAX_BODY_SIZE.read(config);
    o.maxUriLength = MAX_URI_LENGTH.read(config);
    o.maxHeaderSize = MAX_HEADER_SIZE.read(config);
    o.idleTimeoutSeconds = IDLE_TIMEOUT.read(config);
    o.shutdownTimeoutMs = SHUTDOWN_TIMEOUT.read(config);
    o.bodyTimeoutMs = BODY_TIMEOUT.read(config);
    o.requestTimeoutMs = REQUEST_TIMEOUT.read(config);
    String health = HEALTH_PATH.read(config);
    o.healthPath = health.isEmpty() ? null : health;
    o.serverName = SERVER_NAME.read(config);
    o.nativeTransport = NATIVE_TRANSPORT.read(config);
    o.h2c = H2C.read(config);
    o.strictThreadMode = STRICT_THREAD_MODE.read(config);
    o.workerPoolSize = WORKER_POOL_SIZE.read(config);
    o.virtualThreads = VIRTUAL_THREADS.read(config);
    o.metrics = METRICS.read(config);
    o.managementPort = MANAGEMENT_PORT.read(config);
    o.drainDelayMs = DRAIN_DELAY.read(config);
    o.livenessTimeoutMs = LIVENESS_TIMEOUT.read(config);
    o.eventLoopLagIntervalMs = EVENT_LOOP_LAG_INTERVAL.read(config);
    o.metricsBucketsMs = METRICS_BUCKETS.read(config).stream().map(Long::valueOf).toList();
    o.observe = io.vivace.observe.ObserveOptions.from(config);
    o.webSocket = io.vivace.websocket.WebSocketOptions.from(config);
    return o;
  }

  public int port() { return port; }

  /** @param port 0..65535; 0 picks a free port */
  public VivaceOptions port(int port) {
    this.port = PORT.check(port);
    return this;
  }

  public String host() { return host; }

  public VivaceOptions host(String host) {
    this.host = HOST.check(host);
    return this;
  }

  public int eventLoops() { return eventLoops; }

  /** @param eventLoops at least 1; one HTTP verticle runs on each */
  public VivaceOptions eventLoops(int eventLoops) {
    this.eventLoops = EVENT_LOOPS.check(eventLoops);
    return this;
  }

  /** Largest request body in bytes. */
  public long maxBodySize() { return maxBodySize; }

  public VivaceOptions maxBodySize(long bytes) {
    this.maxBodySize = MAX_BODY_SIZE.check(bytes);
    return this;
  }

  /** Longest request line (method, URI, version) in bytes. */
  public int maxUriLength() { return maxUriLength; }

  public VivaceOptions maxUriLength(int bytes) {
    this.maxUriLength = MAX_URI_LENGTH.check(bytes);
    return this;
  }

  /** Largest header block in bytes. */
  public int maxHeaderSize() { return maxHeaderSize; }

  public VivaceOptions maxHeaderSize(int bytes) {
    this.maxHeaderSize = MAX_HEADER_SIZE.check(bytes);
    return this;
  }

  /** Seconds before an idle connection is closed; 0 keeps it open. */
  public int idleTimeoutSeconds() { return idleTimeoutSeconds; }

  public VivaceOptions idleTimeoutSeconds(int seconds) {
    this.idleTimeoutSeconds = IDLE_TIMEOUT.check(seconds);
    return this;
  }

  /** Milliseconds that in-flight requests get to finish on shutdown. */
  public long shutdownTimeoutMs() { return shutdownTimeoutMs; }

  public VivaceOptions shutdownTimeoutMs(long ms) {
    this.shutdownTimeoutMs = SHUTDOWN_TIMEOUT.check(ms);
    return this;
  }

  /** Milliseconds a request body may take to arrive after its head; 0: no bound. */
  public long bodyTimeoutMs() { return bodyTimeoutMs; }

  public VivaceOptions bodyTimeoutMs(long ms) {
    this.bodyTimeoutMs = BODY_TIMEOUT.check(ms);
    return this;
  }

  /** Milliseconds a route's handler may take when it declares no timeout of its own; 0: no bound. */
  public long requestTimeoutMs() { return requestTimeoutMs; }

  /**
   * @throws IllegalArgumentException outside 0..3,600,000 ms
   */
  public VivaceOptions requestTimeoutMs(long ms) {
    this.requestTimeoutMs = REQUEST_TIMEOUT.check(ms);
    return this;
  }

  /** The health route's path, or {@code null} when it is turned off. */
  public String healthPath() { return healthPath; }

  /** @param path a path starting with {@code /}, or {@code null} (or empty) to turn the health route off */
  public VivaceOptions healthPath(String path) {
    this.healthPath = path == null || HEALTH_PATH.check(path).isEmpty() ? null : path;
    return this;
  }

  public String serverName() { return serverName; }

  public VivaceOptions serverName(String name) {
    this.serverName = SERVER_NAME.check(name);
    return this;
  }

  public boolean nativeTransport() { return nativeTransport; }

  public VivaceOptions nativeTransport(boolean nativeTransport) {
    this.nativeTransport = nativeTransport;
    return this;
  }

  public boolean strictThreadMode() { return strictThreadMode; }

  public VivaceOptions strictThreadMode(boolean strict) {
    this.strictThreadMode = strict;
    return this;
  }

  public boolean h2c() { return h2c; }

  public VivaceOptions h2c(boolean h2c) {
    this.h2c = h2c;
    return this;
  }

  public int workerPoolSize() { return workerPoolSize; }

  public VivaceOptions workerPoolSize(int threads) {
    this.workerPoolSize = WORKER_POOL_SIZE.check(threads);
    return this;
  }

  public boolean virtualThreads() { return virtualThreads; }

  public VivaceOptions virtualThreads(boolean virtualThreads) {
    this.virtualThreads = virtualThreads;
    return this;
  }

  /** Whether {@code /metrics} is served and meters are recorded. */
  public boolean metrics() { return metrics; }

  public VivaceOptions metrics(boolean on) {
    this.metrics = on;
    return this;
  }

  /** Port of the management server; 0: none, the ops routes are on the app's port. */
  public int managementPort() { return managementPort; }

  /** @param port 1..65535 for a separate management server; 0 for none */
  public VivaceOptions managementPort(int port) {
    this.managementPort = MANAGEMENT_PORT.check(port);
    return this;
  }

  /** Milliseconds between readiness turning to 503 on shutdown and the drain. */
  public long drainDelayMs() { return drainDelayMs; }

  public VivaceOptions drainDelayMs(long ms) {
    this.drainDelayMs = DRAIN_DELAY.check(ms);
    return this;
  }

  /** Milliseconds each event loop gets to answer the liveness probe. */
  public long livenessTimeoutMs() { return livenessTimeoutMs; }

  public VivaceOptions livenessTimeoutMs(long ms) {
    this.livenessTimeoutMs = LIVENESS_TIMEOUT.check(ms);
    return this;
  }

  /** Milliseconds between event-loop lag measurements. */
  /** Upper bounds, ms, of the HTTP latency histogram's buckets; empty: the defaults. */
  public java.util.List<Long> metricsBucketsMs() { return metricsBucketsMs; }

  /** @param ms upper bounds of the HTTP latency histogram's buckets, each 1..3600000 ms; empty: the defaults */
  public VivaceOptions metricsBucketsMs(java.util.List<Long> ms) {
    this.metricsBucketsMs = METRICS_BUCKETS.check(ms.stream().map(String::valueOf).toList()).stream()
        .map(Long::valueOf).toList();
    return this;
  }

  private static boolean bucketMs(String item) {
    try {
      long ms = Long.parseLong(item);
      return ms >= 1 && ms <= 3_600_000;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  public long eventLoopLagIntervalMs() { return eventLoopLagIntervalMs; }

  public VivaceOptions eventLoopLagIntervalMs(long ms) {
    this.eventLoopLagIntervalMs = EVENT_LOOP_LAG_INTERVAL.check(ms);
    return this;
  }

  /** The request id, access log and trusted proxies ({@link io.vivace.observe.ObserveOptions}, its own settings). */
  public io.vivace.observe.ObserveOptions observe() { return observe; }

  /** @param observe not null */
  public VivaceOptions observe(io.vivace.observe.ObserveOptions observe) {
    this.observe = java.util.Objects.requireNonNull(observe, "observe");
    return this;
  }

  /** The WebSocket routes' sizes, keep-alive and slow-client bound ({@link io.vivace.websocket.WebSocketOptions}, its own settings). */
  public io.vivace.websocket.WebSocketOptions webSocket() { return webSocket; }

  /** @param webSocket not null */
  public VivaceOptions webSocket(io.vivace.websocket.WebSocketOptions webSocket) {
    this.webSocket = java.util.Objects.requireNonNull(webSocket, "webSocket");
    return this;
  }
}
