package io.vivace.db;

import io.vivace.config.Config;
import java.nio.file.Path;

/**
 * Options of the database: where it is, the pool, migrations. Every field has a documented
 * {@code DEFAULT_*}; {@link #fromEnvironment()} reads each from an environment variable or system
 * property (naming as in {@link Config}). Setters validate and show the bad value. Not thread-safe:
 * configure, then attach.
 */
public final class DbOptions {
  /** Connections in the pool (shared by all event loops): {@value}. Environment {@code VIVACE_DB_POOL_SIZE}. */
  public static final int DEFAULT_POOL_SIZE = 8;
  /** Queries in flight per connection (PostgreSQL pipelining): {@value}. Environment {@code VIVACE_DB_PIPELINING_LIMIT}. */
  public static final int DEFAULT_PIPELINING_LIMIT = 256;
  /** Cache prepared statements per connection: {@value}. Environment {@code VIVACE_DB_PREPARED_CACHE}. */
  public static final boolean DEFAULT_PREPARED_CACHE = true;
  /** Statements kept per connection's cache: {@value}. */
  public static final int DEFAULT_PREPARED_CACHE_SIZE = 256;
  /** Milliseconds a query waits for a pooled connection before a 503: {@value}. Environment {@code VIVACE_DB_ACQUIRE_TIMEOUT}. */
  public static final int DEFAULT_ACQUIRE_TIMEOUT_MS = 5_000;
  /** Apply Flyway migrations at startup: {@value}. Environment {@code VIVACE_DB_MIGRATE}. */
  public static final boolean DEFAULT_MIGRATE = true;
  /** Where migrations are: {@value}. Environment {@code VIVACE_DB_MIGRATIONS}. */
  public static final String DEFAULT_MIGRATIONS = "classpath:db/migration";
  /**
   * Data folder of the embedded server used without {@code DATABASE_URL}: {@value} (relative to the
   * working directory; {@code {app}} becomes the app's name: the jar's name without {@code .jar},
   * or the main class's simple name in lower case). Environment {@code VIVACE_DB_EMBEDDED_DIR}.
   */
  public static final String DEFAULT_EMBEDDED_DIR = ".vivace/{app}/postgres";
  /** Connection attempts at startup before giving up: {@value}, one second apart. Environment {@code VIVACE_DB_CONNECT_ATTEMPTS}. */
  public static final int DEFAULT_CONNECT_ATTEMPTS = 10;

  /**
   * Give each event loop its own pool of {@code poolSize / eventLoops} connections (at least one),
   * created on that loop, so a query and its result never change threads: {@value}. Environment
   * {@code VIVACE_DB_PER_EVENT_LOOP}.
   */
  public static final boolean DEFAULT_PER_EVENT_LOOP = false;

  private DatabaseUrl url;
  private boolean perEventLoop = DEFAULT_PER_EVENT_LOOP;
  private int poolSize = DEFAULT_POOL_SIZE;
  private int pipeliningLimit = DEFAULT_PIPELINING_LIMIT;
  private boolean preparedCache = DEFAULT_PREPARED_CACHE;
  private int acquireTimeoutMs = DEFAULT_ACQUIRE_TIMEOUT_MS;
  private boolean migrate = DEFAULT_MIGRATE;
  private String migrations = DEFAULT_MIGRATIONS;
  private Path embeddedDir = Path.of(DEFAULT_EMBEDDED_DIR);
  private int connectAttempts = DEFAULT_CONNECT_ATTEMPTS;

  /**
   * Options from system properties and the environment ({@code DATABASE_URL} and {@code VIVACE_DB_*}).
   *
   * @throws io.vivace.config.ConfigException naming the first invalid setting
   */
  public static DbOptions fromEnvironment() {
    return from(Config.system());
  }

  /** Options read through {@code config}. */
  public static DbOptions from(Config config) {
    DbOptions o = new DbOptions();
    String raw = config.raw("DATABASE_URL");
    o.url = raw == null ? null : DatabaseUrl.parse("DATABASE_URL", raw);
    o.poolSize = config.integer("VIVACE_DB_POOL_SIZE", DEFAULT_POOL_SIZE, 1, 1000);
    o.pipeliningLimit = config.integer("VIVACE_DB_PIPELINING_LIMIT", DEFAULT_PIPELINING_LIMIT, 1, 65_536);
    o.preparedCache = config.bool("VIVACE_DB_PREPARED_CACHE", DEFAULT_PREPARED_CACHE);
    o.acquireTimeoutMs = config.integer("VIVACE_DB_ACQUIRE_TIMEOUT", DEFAULT_ACQUIRE_TIMEOUT_MS, 1, 600_000);
    o.migrate = config.bool("VIVACE_DB_MIGRATE", DEFAULT_MIGRATE);
    o.migrations = config.string("VIVACE_DB_MIGRATIONS", DEFAULT_MIGRATIONS);
    o.embeddedDir = Path.of(config.string("VIVACE_DB_EMBEDDED_DIR", DEFAULT_EMBEDDED_DIR));
    o.perEventLoop = config.bool("VIVACE_DB_PER_EVENT_LOOP", DEFAULT_PER_EVENT_LOOP);
    o.connectAttempts = config.integer("VIVACE_DB_CONNECT_ATTEMPTS", DEFAULT_CONNECT_ATTEMPTS, 1, 1000);
    return o;
  }

  /** The database, or null to start the embedded server. */
  public DatabaseUrl url() { return url; }

  public DbOptions url(DatabaseUrl url) {
    this.url = url;
    return this;
  }

  public int poolSize() { return poolSize; }

  public DbOptions poolSize(int size) {
    check(size >= 1, "poolSize must be at least 1, got " + size);
    this.poolSize = size;
    return this;
  }

  public int pipeliningLimit() { return pipeliningLimit; }

  public DbOptions pipeliningLimit(int limit) {
    check(limit >= 1, "pipeliningLimit must be at least 1, got " + limit);
    this.pipeliningLimit = limit;
    return this;
  }

  public boolean preparedCache() { return preparedCache; }

  public DbOptions preparedCache(boolean on) {
    this.preparedCache = on;
    return this;
  }

  /** Milliseconds a query waits for a connection. */
  public int acquireTimeoutMs() { return acquireTimeoutMs; }

  public DbOptions acquireTimeoutMs(int ms) {
    check(ms >= 1, "acquireTimeoutMs must be at least 1, got " + ms);
    this.acquireTimeoutMs = ms;
    return this;
  }

  public boolean migrate() { return migrate; }

  public DbOptions migrate(boolean on) {
    this.migrate = on;
    return this;
  }

  /** Flyway locations, comma-separated ({@code classpath:db/migration}). */
  public String migrations() { return migrations; }

  public DbOptions migrations(String locations) {
    check(locations != null && !locations.isBlank(), "migrations must not be blank, got '" + locations + "'");
    this.migrations = locations;
    return this;
  }

  public Path embeddedDir() { return embeddedDir; }

  public DbOptions embeddedDir(Path dir) {
    check(dir != null, "embeddedDir must not be null");
    this.embeddedDir = dir;
    return this;
  }

  public boolean perEventLoop() { return perEventLoop; }

  public DbOptions perEventLoop(boolean on) {
    this.perEventLoop = on;
    return this;
  }

  public int connectAttempts() { return connectAttempts; }

  public DbOptions connectAttempts(int attempts) {
    check(attempts >= 1, "connectAttempts must be at least 1, got " + attempts);
    this.connectAttempts = attempts;
    return this;
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
