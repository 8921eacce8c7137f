package io.vivace.db;

import io.vivace.config.Config;
import java.nio.file.Path;

/**
 * Options of the database: where it is, the connections, migrations. Every field has a documented
 * {@code DEFAULT_*}; {@link #fromEnvironment()} reads each from an environment variable or system
 * property (naming as in {@link Config}), within the bounds given here. Setters validate and show
 * the bad value. Not thread-safe: configure, then attach.
 *
 * <p>Connection layout: every event loop owns {@link #connectionsPerLoop()} pipelined connections,
 * opened on that loop, which carry the queries of {@link Sql}; a separate pool of
 * {@link #poolSize()} connections serves only what needs a connection of its own (transactions,
 * streaming cursors, {@code LISTEN}, {@link Database#pool()}). So the server sees at most
 * {@code eventLoops * connectionsPerLoop + poolSize} connections from one app.
 */
public final class DbOptions {
  /**
   * Pipelined connections each event loop owns: {@value} (1..64). Environment
   * {@code VIVACE_DB_CONNECTIONS_PER_LOOP}.
   */
  public static final int DEFAULT_CONNECTIONS_PER_LOOP = 1;
  /**
   * Connections of the pool for transactions, cursors and {@link Database#pool()} (not for plain
   * queries): {@value} (1..1000). Environment {@code VIVACE_DB_POOL_SIZE}.
   */
  public static final int DEFAULT_POOL_SIZE = 8;
  /**
   * Statements in flight per connection (PostgreSQL pipelining; more wait in that connection's
   * queue, in order): {@value} (1..65536). Environment {@code VIVACE_DB_PIPELINING_LIMIT}.
   */
  public static final int DEFAULT_PIPELINING_LIMIT = 256;
  /** Cache prepared statements per connection: {@value}. Environment {@code VIVACE_DB_PREPARED_CACHE}. */
  public static final boolean DEFAULT_PREPARED_CACHE = true;
  /** Statements kept per connection's cache (not configurable): {@value}. */
  public static final int DEFAULT_PREPARED_CACHE_SIZE = 256;
  /**
   * Milliseconds a transaction or cursor waits for a pooled connection before a 503: {@value}
   * (1..600000). Environment {@code VIVACE_DB_ACQUIRE_TIMEOUT}.
   */
  public static final int DEFAULT_ACQUIRE_TIMEOUT_MS = 5_000;
  /** Apply Flyway migrations at startup: {@value}. Environment {@code VIVACE_DB_MIGRATE}. */
  public static final boolean DEFAULT_MIGRATE = true;
  /** Where migrations are: {@value}. Environment {@code VIVACE_DB_MIGRATIONS}. */
  public static final String DEFAULT_MIGRATIONS = "classpath:db/migration";
  /** Data folder of the embedded server used without {@code DATABASE_URL}: {@value} (relative to the working directory). Environment {@code VIVACE_DB_EMBEDDED_DIR}. */
  public static final String DEFAULT_EMBEDDED_DIR = ".vivace/postgres";
  /** Connection attempts at startup before giving up: {@value} (1..1000), one second apart. Environment {@code VIVACE_DB_CONNECT_ATTEMPTS}. */
  public static final int DEFAULT_CONNECT_ATTEMPTS = 10;

  private DatabaseUrl url;
  private int connectionsPerLoop = DEFAULT_CONNECTIONS_PER_LOOP;
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
    o.connectionsPerLoop = config.integer("VIVACE_DB_CONNECTIONS_PER_LOOP", DEFAULT_CONNECTIONS_PER_LOOP, 1, 64);
    if (config.raw("VIVACE_DB_PER_EVENT_LOOP") != null) {
      org.slf4j.LoggerFactory.getLogger(Database.class).warn("VIVACE_DB_PER_EVENT_LOOP is ignored: every event loop "
          + "now has its own pipelined connection(s); see VIVACE_DB_CONNECTIONS_PER_LOOP");
    }
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

  /** Pipelined connections each event loop owns. */
  public int connectionsPerLoop() { return connectionsPerLoop; }

  /** @throws IllegalArgumentException unless {@code count} is in 1..64 */
  public DbOptions connectionsPerLoop(int count) {
    check(count >= 1 && count <= 64, "connectionsPerLoop must be in 1..64, got " + count);
    this.connectionsPerLoop = count;
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
