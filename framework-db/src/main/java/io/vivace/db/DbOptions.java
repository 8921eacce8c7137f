package io.vivace.db;

import io.vivace.config.Config;
import io.vivace.config.Setting;
import java.nio.file.Path;

/**
 * Options of the database: where it is, the connections, migrations. Every field has a documented
 * {@code DEFAULT_*} and one {@link Setting} declaration (all in {@link #SETTINGS});
 * {@link #fromEnvironment()} reads each from an environment variable or system property (naming as
 * in {@link Config}). Setters check through the same declarations and show the bad value. Not thread-safe:
 * configure, then attach.
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
  /**
   * Data folder of the embedded server used without {@code DATABASE_URL}: {@value} (relative to the
   * working directory; {@code {app}} becomes the app's name: the jar's name without {@code .jar},
   * or the main class's simple name in lower case). Environment {@code VIVACE_DB_EMBEDDED_DIR}.
   */
  public static final String DEFAULT_EMBEDDED_DIR = ".vivace/{app}/postgres";
  /** Connection attempts at startup before giving up: {@value}, one second apart. Environment {@code VIVACE_DB_CONNECT_ATTEMPTS}. */
  public static final int DEFAULT_CONNECT_ATTEMPTS = 10;
  /**
   * Milliseconds a read replica may lag behind the primary and still serve reads: {@value}
   * (1..3600000); a replica lagging more is skipped until it catches up. Environment
   * {@code VIVACE_DB_REPLICA_MAX_LAG}.
   */
  public static final int DEFAULT_REPLICA_MAX_LAG_MS = 2_000;
  /**
   * Milliseconds between two measurements of each replica's lag (and whether it answers): {@value}
   * (10..60000). Environment {@code VIVACE_DB_REPLICA_CHECK_INTERVAL}.
   */
  public static final int DEFAULT_REPLICA_CHECK_INTERVAL_MS = 500;
  /**
   * Milliseconds after a {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE} request that
   * used the primary during which the same client's reads go to the primary too (a cookie):
   * {@value} (0..3600000), off. Only with read replicas. Environment
   * {@code VIVACE_DB_READ_YOUR_WRITES_WINDOW}.
   */
  public static final int DEFAULT_READ_YOUR_WRITES_WINDOW_MS = 0;

  /** {@code DATABASE_URL}: the server; unset starts the embedded one. Its password never shows in messages. */
  public static final Setting<DatabaseUrl> URL = Setting.<DatabaseUrl>of("DATABASE_URL", "url", null,
      "postgres://user:password@host:port/database", raw -> DatabaseUrl.parse("DATABASE_URL", raw), u -> true,
      "the PostgreSQL server (`postgres://user:password@host:port/database`); unset: the embedded server (needs `vivace-db-embedded`, refused when `VIVACE_PROFILE=prod`)").secret()
      .defaultShownAs("embedded");
  /**
   * {@code DATABASE_READ_URL}: the read replicas, comma-separated URLs of {@link #URL}'s syntax
   * ({@code sslmode} and {@code sslrootcert} included); unset or empty: none, every query goes to
   * the primary. Passwords never show in messages.
   */
  public static final Setting<java.util.List<DatabaseUrl>> READ_URL = Setting.<java.util.List<DatabaseUrl>>of(
      "DATABASE_READ_URL", "readUrls", java.util.List.of(), "postgres://user:password@host:port/database[,postgres://...]",
      DbOptions::parseReadUrls, java.util.Objects::nonNull,
      "read replicas, comma-separated URLs as `DATABASE_URL`; `Sql.read()` queries go to them (see database.md)")
      .secret().defaultShownAs("none");
  /** {@code VIVACE_DB_REPLICA_MAX_LAG}. */
  public static final Setting<Integer> REPLICA_MAX_LAG = Setting.integer("VIVACE_DB_REPLICA_MAX_LAG", "replicaMaxLagMs",
      DEFAULT_REPLICA_MAX_LAG_MS, 1, 3_600_000, "ms a read replica may lag behind the primary; past it, reads go to the primary");
  /** {@code VIVACE_DB_REPLICA_CHECK_INTERVAL}. */
  public static final Setting<Integer> REPLICA_CHECK_INTERVAL = Setting.integer("VIVACE_DB_REPLICA_CHECK_INTERVAL",
      "replicaCheckIntervalMs", DEFAULT_REPLICA_CHECK_INTERVAL_MS, 10, 60_000,
      "ms between two measurements of each read replica's lag");
  /** {@code VIVACE_DB_READ_YOUR_WRITES_WINDOW}. */
  public static final Setting<Integer> READ_YOUR_WRITES_WINDOW = Setting.integer("VIVACE_DB_READ_YOUR_WRITES_WINDOW",
      "readYourWritesWindowMs", DEFAULT_READ_YOUR_WRITES_WINDOW_MS, 0, 3_600_000,
      "ms after a write request during which the same client (a cookie) reads from the primary; 0: off");
  /** {@code VIVACE_DB_CONNECTIONS_PER_LOOP}. */
  public static final Setting<Integer> CONNECTIONS_PER_LOOP = Setting.integer("VIVACE_DB_CONNECTIONS_PER_LOOP",
      "connectionsPerLoop", DEFAULT_CONNECTIONS_PER_LOOP, 1, 64,
      "pipelined connections each event loop owns (they carry every plain query)");
  /** {@code VIVACE_DB_POOL_SIZE}. */
  public static final Setting<Integer> POOL_SIZE = Setting.integer("VIVACE_DB_POOL_SIZE", "poolSize", DEFAULT_POOL_SIZE,
      1, 1000, "connections of the pool for transactions, cursors and `Database.pool()`");
  /** {@code VIVACE_DB_PIPELINING_LIMIT}. */
  public static final Setting<Integer> PIPELINING_LIMIT = Setting.integer("VIVACE_DB_PIPELINING_LIMIT", "pipeliningLimit",
      DEFAULT_PIPELINING_LIMIT, 1, 65_536, "statements in flight per connection (pipelining); more wait in its queue");
  /** {@code VIVACE_DB_PREPARED_CACHE}. */
  public static final Setting<Boolean> PREPARED_CACHE = Setting.bool("VIVACE_DB_PREPARED_CACHE", "preparedCache",
      DEFAULT_PREPARED_CACHE, "cache prepared statements per connection");
  /** {@code VIVACE_DB_ACQUIRE_TIMEOUT}. */
  public static final Setting<Integer> ACQUIRE_TIMEOUT = Setting.integer("VIVACE_DB_ACQUIRE_TIMEOUT", "acquireTimeoutMs",
      DEFAULT_ACQUIRE_TIMEOUT_MS, 1, 600_000, "ms a transaction or cursor waits for a pooled connection before a 503");
  /** {@code VIVACE_DB_MIGRATE}. */
  public static final Setting<Boolean> MIGRATE = Setting.bool("VIVACE_DB_MIGRATE", "migrate", DEFAULT_MIGRATE,
      "apply Flyway migrations at startup");
  /** {@code VIVACE_DB_MIGRATIONS}. */
  public static final Setting<String> MIGRATIONS = Setting.string("VIVACE_DB_MIGRATIONS", "migrations", DEFAULT_MIGRATIONS,
      "Flyway locations, comma-separated");
  /** {@code VIVACE_DB_EMBEDDED_DIR}. */
  public static final Setting<Path> EMBEDDED_DIR = Setting.of("VIVACE_DB_EMBEDDED_DIR", "embeddedDir",
      Path.of(DEFAULT_EMBEDDED_DIR), "a folder", Path::of, java.util.Objects::nonNull,
      "data folder of the embedded server (relative to the working directory; `{app}` is the app's name)");
  /** {@code VIVACE_DB_CONNECT_ATTEMPTS}. */
  public static final Setting<Integer> CONNECT_ATTEMPTS = Setting.integer("VIVACE_DB_CONNECT_ATTEMPTS", "connectAttempts",
      DEFAULT_CONNECT_ATTEMPTS, 1, 1000, "connection attempts at startup, one second apart");

  /** Every setting of these options, in the order docs/configuration.md lists them. */
  public static final java.util.List<Setting<?>> SETTINGS = java.util.List.of(URL, READ_URL, CONNECTIONS_PER_LOOP, POOL_SIZE,
      PIPELINING_LIMIT, PREPARED_CACHE, ACQUIRE_TIMEOUT, MIGRATE, MIGRATIONS, EMBEDDED_DIR, CONNECT_ATTEMPTS,
      REPLICA_MAX_LAG, REPLICA_CHECK_INTERVAL, READ_YOUR_WRITES_WINDOW);

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
  private java.util.List<DatabaseUrl> readUrls = java.util.List.of();
  private int replicaMaxLagMs = DEFAULT_REPLICA_MAX_LAG_MS;
  private int replicaCheckIntervalMs = DEFAULT_REPLICA_CHECK_INTERVAL_MS;
  private int readYourWritesWindowMs = DEFAULT_READ_YOUR_WRITES_WINDOW_MS;

  /** Options with every field at its {@code DEFAULT_*} value and no {@code DATABASE_URL} (the embedded server); {@link #fromEnvironment()} reads them instead. */
  public DbOptions() {
  }

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
    o.url = URL.read(config);
    o.readUrls = READ_URL.read(config);
    o.connectionsPerLoop = CONNECTIONS_PER_LOOP.read(config);
    o.poolSize = POOL_SIZE.read(config);
    o.pipeliningLimit = PIPELINING_LIMIT.read(config);
    o.preparedCache = PREPARED_CACHE.read(config);
    o.acquireTimeoutMs = ACQUIRE_TIMEOUT.read(config);
    o.migrate = MIGRATE.read(config);
    o.migrations = MIGRATIONS.read(config);
    o.embeddedDir = EMBEDDED_DIR.read(config);
    if (config.raw("VIVACE_DB_PER_EVENT_LOOP") != null) {
      org.slf4j.LoggerFactory.getLogger(Database.class).warn("VIVACE_DB_PER_EVENT_LOOP is ignored: every event loop "
          + "now has its own pipelined connection(s); see VIVACE_DB_CONNECTIONS_PER_LOOP");
    }
    o.connectAttempts = CONNECT_ATTEMPTS.read(config);
    o.replicaMaxLagMs = REPLICA_MAX_LAG.read(config);
    o.replicaCheckIntervalMs = REPLICA_CHECK_INTERVAL.read(config);
    o.readYourWritesWindowMs = READ_YOUR_WRITES_WINDOW.read(config);
    return o;
  }

  /** {@code DATABASE_READ_URL}'s value: each comma-separated URL parsed as {@code DATABASE_URL}'s; an empty item is an error. */
  private static java.util.List<DatabaseUrl> parseReadUrls(String raw) {
    if (raw.isBlank()) {
      return java.util.List.of();
    }
    java.util.List<DatabaseUrl> urls = new java.util.ArrayList<>();
    for (String item : raw.split(",", -1)) {
      if (item.isBlank()) {
        throw new io.vivace.config.ConfigException("DATABASE_READ_URL: an empty URL in the comma-separated list \""
            + io.vivace.config.Secrets.maskUrl(raw) + "\"");
      }
      urls.add(DatabaseUrl.parse("DATABASE_READ_URL", item));
    }
    return java.util.List.copyOf(urls);
  }

  /** The database, or null to start the embedded server. */
  public DatabaseUrl url() { return url; }

  public DbOptions url(DatabaseUrl url) {
    this.url = url;
    return this;
  }

  public int poolSize() { return poolSize; }

  public DbOptions poolSize(int size) {
    this.poolSize = POOL_SIZE.check(size);
    return this;
  }

  public int pipeliningLimit() { return pipeliningLimit; }

  public DbOptions pipeliningLimit(int limit) {
    this.pipeliningLimit = PIPELINING_LIMIT.check(limit);
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
    this.acquireTimeoutMs = ACQUIRE_TIMEOUT.check(ms);
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
    this.migrations = MIGRATIONS.check(locations);
    return this;
  }

  public Path embeddedDir() { return embeddedDir; }

  public DbOptions embeddedDir(Path dir) {
    this.embeddedDir = EMBEDDED_DIR.check(dir);
    return this;
  }

  /** Pipelined connections each event loop owns. */
  public int connectionsPerLoop() { return connectionsPerLoop; }

  /** @throws IllegalArgumentException unless {@code count} is in 1..64 */
  public DbOptions connectionsPerLoop(int count) {
    this.connectionsPerLoop = CONNECTIONS_PER_LOOP.check(count);
    return this;
  }

  /** The read replicas ({@code DATABASE_READ_URL}); empty (never null) when there are none. */
  public java.util.List<DatabaseUrl> readUrls() { return readUrls; }

  /** Sets the read replicas; an empty list means none. */
  public DbOptions readUrls(java.util.List<DatabaseUrl> urls) {
    this.readUrls = READ_URL.check(java.util.List.copyOf(urls));
    return this;
  }

  /** Milliseconds a replica may lag behind the primary and still serve reads. */
  public int replicaMaxLagMs() { return replicaMaxLagMs; }

  public DbOptions replicaMaxLagMs(int ms) {
    this.replicaMaxLagMs = REPLICA_MAX_LAG.check(ms);
    return this;
  }

  /** Milliseconds between two measurements of each replica's lag. */
  public int replicaCheckIntervalMs() { return replicaCheckIntervalMs; }

  public DbOptions replicaCheckIntervalMs(int ms) {
    this.replicaCheckIntervalMs = REPLICA_CHECK_INTERVAL.check(ms);
    return this;
  }

  /**
   * Milliseconds after a write request during which the same client's reads go to the primary
   * (0: off; see {@link #READ_YOUR_WRITES_WINDOW}).
   */
  public int readYourWritesWindowMs() { return readYourWritesWindowMs; }

  public DbOptions readYourWritesWindowMs(int ms) {
    this.readYourWritesWindowMs = READ_YOUR_WRITES_WINDOW.check(ms);
    return this;
  }

  public int connectAttempts() { return connectAttempts; }

  public DbOptions connectAttempts(int attempts) {
    this.connectAttempts = CONNECT_ATTEMPTS.check(attempts);
    return this;
  }
}
