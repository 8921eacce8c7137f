package io.vivace.config;

/**
 * Options of a Vivace application: the HTTP server, its limits and the event loops. Every field
 * has a documented {@code DEFAULT_*}; {@link #fromEnvironment()} reads each from an environment
 * variable or a system property (see {@link Config} for the naming rule). Setters validate and throw
 * {@link IllegalArgumentException} showing the bad value. Not thread-safe: configure, then start.
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

  private int port = DEFAULT_PORT;
  private String host = DEFAULT_HOST;
  private int eventLoops = DEFAULT_EVENT_LOOPS;
  private long maxBodySize = DEFAULT_MAX_BODY_SIZE;
  private int maxUriLength = DEFAULT_MAX_URI_LENGTH;
  private int maxHeaderSize = DEFAULT_MAX_HEADER_SIZE;
  private int idleTimeoutSeconds = DEFAULT_IDLE_TIMEOUT_SECONDS;
  private long shutdownTimeoutMs = DEFAULT_SHUTDOWN_TIMEOUT_MS;
  private long bodyTimeoutMs = DEFAULT_BODY_TIMEOUT_MS;
  private String healthPath = DEFAULT_HEALTH_PATH;
  private String serverName = DEFAULT_SERVER_NAME;
  private boolean nativeTransport = DEFAULT_NATIVE_TRANSPORT;
  private boolean strictThreadMode = DEFAULT_STRICT_THREAD_MODE;
  private boolean h2c = DEFAULT_H2C;
  private int workerPoolSize = DEFAULT_WORKER_POOL_SIZE;
  private boolean virtualThreads = DEFAULT_VIRTUAL_THREADS;

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
    o.port = config.integer("PORT", DEFAULT_PORT, 0, 65535);
    o.host = config.string("HOST", DEFAULT_HOST);
    o.eventLoops = config.integer("VIVACE_EVENT_LOOPS", DEFAULT_EVENT_LOOPS, 1, 1024);
    o.maxBodySize = config.longValue("VIVACE_MAX_BODY_SIZE", DEFAULT_MAX_BODY_SIZE, 0, Integer.MAX_VALUE);
    o.maxUriLength = config.integer("VIVACE_MAX_URI_LENGTH", DEFAULT_MAX_URI_LENGTH, 256, 1 << 20);
    o.maxHeaderSize = config.integer("VIVACE_MAX_HEADER_SIZE", DEFAULT_MAX_HEADER_SIZE, 1024, 1 << 20);
    o.idleTimeoutSeconds = config.integer("VIVACE_IDLE_TIMEOUT", DEFAULT_IDLE_TIMEOUT_SECONDS, 0, 86_400);
    o.shutdownTimeoutMs = config.longValue("VIVACE_SHUTDOWN_TIMEOUT", DEFAULT_SHUTDOWN_TIMEOUT_MS, 0, 3_600_000);
    o.bodyTimeoutMs = config.longValue("VIVACE_BODY_TIMEOUT", DEFAULT_BODY_TIMEOUT_MS, 0, 3_600_000);
    String health = config.string("VIVACE_HEALTH_PATH", DEFAULT_HEALTH_PATH);
    if (health.equalsIgnoreCase("off") || health.equalsIgnoreCase("false")) {
      o.healthPath = null;
    } else if (!health.startsWith("/")) {
      throw config.invalid("VIVACE_HEALTH_PATH", "a path starting with / or off", health);
    } else {
      o.healthPath = health;
    }
    o.serverName = config.string("VIVACE_SERVER_NAME", DEFAULT_SERVER_NAME);
    o.nativeTransport = config.bool("VIVACE_NATIVE_TRANSPORT", DEFAULT_NATIVE_TRANSPORT);
    o.h2c = config.bool("VIVACE_H2C", DEFAULT_H2C);
    o.strictThreadMode = config.bool("VIVACE_STRICT_THREAD_MODE", DEFAULT_STRICT_THREAD_MODE);
    o.workerPoolSize = config.integer("VIVACE_WORKER_POOL_SIZE", DEFAULT_WORKER_POOL_SIZE, 1, 10_000);
    o.virtualThreads = config.bool("VIVACE_VIRTUAL_THREADS", DEFAULT_VIRTUAL_THREADS);
    return o;
  }

  public int port() { return port; }

  /** @param port 0..65535; 0 picks a free port */
  public VivaceOptions port(int port) {
    check(port >= 0 && port <= 65535, "port must be between 0 and 65535, got " + port);
    this.port = port;
    return this;
  }

  public String host() { return host; }

  public VivaceOptions host(String host) {
    check(host != null && !host.isBlank(), "host must not be blank, got '" + host + "'");
    this.host = host;
    return this;
  }

  public int eventLoops() { return eventLoops; }

  /** @param eventLoops at least 1; one HTTP verticle runs on each */
  public VivaceOptions eventLoops(int eventLoops) {
    check(eventLoops >= 1, "eventLoops must be at least 1, got " + eventLoops);
    this.eventLoops = eventLoops;
    return this;
  }

  /** Largest request body in bytes. */
  public long maxBodySize() { return maxBodySize; }

  public VivaceOptions maxBodySize(long bytes) {
    check(bytes >= 0 && bytes <= Integer.MAX_VALUE, "maxBodySize must be 0.." + Integer.MAX_VALUE + " bytes, got " + bytes);
    this.maxBodySize = bytes;
    return this;
  }

  /** Longest request line (method, URI, version) in bytes. */
  public int maxUriLength() { return maxUriLength; }

  public VivaceOptions maxUriLength(int bytes) {
    check(bytes >= 256, "maxUriLength must be at least 256 bytes, got " + bytes);
    this.maxUriLength = bytes;
    return this;
  }

  /** Largest header block in bytes. */
  public int maxHeaderSize() { return maxHeaderSize; }

  public VivaceOptions maxHeaderSize(int bytes) {
    check(bytes >= 1024, "maxHeaderSize must be at least 1024 bytes, got " + bytes);
    this.maxHeaderSize = bytes;
    return this;
  }

  /** Seconds before an idle connection is closed; 0 keeps it open. */
  public int idleTimeoutSeconds() { return idleTimeoutSeconds; }

  public VivaceOptions idleTimeoutSeconds(int seconds) {
    check(seconds >= 0, "idleTimeoutSeconds must not be negative, got " + seconds);
    this.idleTimeoutSeconds = seconds;
    return this;
  }

  /** Milliseconds that in-flight requests get to finish on shutdown. */
  public long shutdownTimeoutMs() { return shutdownTimeoutMs; }

  public VivaceOptions shutdownTimeoutMs(long ms) {
    check(ms >= 0, "shutdownTimeoutMs must not be negative, got " + ms);
    this.shutdownTimeoutMs = ms;
    return this;
  }

  /** Milliseconds a request body may take to arrive after its head; 0: no bound. */
  public long bodyTimeoutMs() { return bodyTimeoutMs; }

  public VivaceOptions bodyTimeoutMs(long ms) {
    check(ms >= 0, "bodyTimeoutMs must not be negative, got " + ms);
    this.bodyTimeoutMs = ms;
    return this;
  }

  /** The health route's path, or {@code null} when it is turned off. */
  public String healthPath() { return healthPath; }

  /** @param path a path starting with {@code /}, or {@code null} to turn the health route off */
  public VivaceOptions healthPath(String path) {
    check(path == null || path.startsWith("/"), "healthPath must start with /, got '" + path + "'");
    this.healthPath = path;
    return this;
  }

  public String serverName() { return serverName; }

  public VivaceOptions serverName(String name) {
    check(name != null && !name.isBlank(), "serverName must not be blank, got '" + name + "'");
    this.serverName = name;
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
    check(threads >= 1, "workerPoolSize must be at least 1, got " + threads);
    this.workerPoolSize = threads;
    return this;
  }

  public boolean virtualThreads() { return virtualThreads; }

  public VivaceOptions virtualThreads(boolean virtualThreads) {
    this.virtualThreads = virtualThreads;
    return this;
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
