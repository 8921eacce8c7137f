package io.vivace.db.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import io.micrometer.core.instrument.MeterRegistry;
import io.vivace.App;
import io.vivace.health.Health;
import io.vivace.metrics.Metrics;
import io.vivace.db.Database;
import io.vivace.db.DatabaseUrl;
import io.vivace.db.DbOptions;
import io.vivace.db.RowMapper;
import io.vivace.db.Sql;
import io.vivace.db.Keyset;
import io.vivace.pagination.CursorPage;
import io.vivace.pagination.CursorRequest;
import io.vivace.pagination.Page;
import io.vivace.response.Streamed;
import io.vivace.pagination.PageRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Database} of an app. Its start hook resolves the server (the URL, or the embedded
 * server), waits for it with a bounded number of attempts, applies migrations off the event loop
 * and opens each event loop's pipelined connections ({@link LoopConnections}, which serve the
 * queries), all before the app takes traffic. The pool serves only what needs a connection of
 * its own: transactions, cursors, {@link #pool()}. Its stop hook closes both and stops the
 * embedded server.
 */
public final class DatabaseImpl implements Database {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final DbOptions given;
  private volatile DbOptions options;
  private volatile DatabaseUrl url;
  private volatile Pool pool;
  private volatile Sql sql;
  /** {@link #read()}: {@link #sql} itself without replicas. */
  private volatile Sql read;
  /** The read replicas, or null without. */
  private volatile Replicas replicas;
  private volatile AutoCloseable embedded;
  private volatile Path embeddedDir;
  private volatile Vertx vertx;
  private volatile LoopConnections loops;
  private volatile DbMeters meters;
  /** The app's tracer, or null when tracing is off. */
  private volatile io.vivace.observe.Tracer tracer;
  private final App app;

  public DatabaseImpl(App app, DbOptions options) {
    this.app = app;
    this.given = options;
    // Settings are read and checked in the app's validation phase, before any start hook runs.
    app.onValidate(config -> {
      DbOptions o = given != null ? given : DbOptions.from(config);
      if (o.url() == null) {
        EmbeddedServers.checkAllowed(config); // prod, or no vivace-db-embedded: one line naming DATABASE_URL
      }
      this.options = o;
      if (o.readYourWritesWindowMs() > 0 && !o.readUrls().isEmpty()) {
        app.filter(new StickyPrimary(o.readYourWritesWindowMs())); // composed into the routes at start
      }
    });
    app.onStart(this::start);
    app.onStop(this::stop);
    app.health().check("db", () -> pool == null
        ? Future.failedFuture("not started") : pool.query("SELECT 1").execute());
    // Ready once migrated and the loops' connections are open (sql is set then), while they answer.
    app.health().readiness("db", Health.DEFAULT_READINESS_TIMEOUT_MS, () -> sql == null
        ? Future.failedFuture("not started") : loops.execute("SELECT 1", Tuple.tuple()));
  }

  private Future<Void> start(Vertx vertx) {
    this.vertx = vertx;
    MeterRegistry registry = Metrics.registry(app);
    meters = registry == null ? null : new DbMeters(registry);
    tracer = io.vivace.observe.Traces.of(app);
    Future<DatabaseUrl> where = options.url() != null ? Future.succeededFuture(options.url())
        : vertx.executeBlocking(() -> {
          Path dir = EmbeddedDirs.resolve(options.embeddedDir()).toAbsolutePath();
          EmbeddedServers.Started pg = EmbeddedServers.start(dir);
          embedded = pg.server();
          embeddedDir = dir;
          LOG.info("No DATABASE_URL: embedded PostgreSQL at {} (data in {}); connect with: {}",
              pg.url(), dir, pg.psql());
          return DatabaseUrl.parse("embedded", pg.url());
        });
    return where.compose(u -> {
      url = u;
      pool = PgBuilder.pool()
          .with(new PoolOptions().setMaxSize(options.poolSize())
              .setConnectionTimeout(options.acquireTimeoutMs()).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
          .connectingTo(connectOptions(u))
          .using(vertx)
          .build();
      loops = new LoopConnections(vertx, connectOptions(u), options.connectionsPerLoop(),
          DbOptions.DEFAULT_PREPARED_CACHE_SIZE, meters);
      if (meters != null) {
        meters.connections(loops);
      }
      return awaitServer(vertx, options.connectAttempts());
    }).compose(ignored -> !options.migrate() ? Future.succeededFuture()
        : vertx.executeBlocking(() -> Migrations.migrate(url, options.migrations(), embeddedDir)).map(n -> {
          LOG.info("Database {}: {} migration(s) applied", url, n);
          return n;
        })).compose(ignored -> openLoops()).mapEmpty();
  }

  /** Opens each event loop's connections (and the replicas'); then queries can run. */
  private Future<Void> openLoops() {
    return loops.open().recover(e -> Future.failedFuture(new IllegalStateException(
        "cannot open the event loops' connections to the database at " + url + ": " + e.getMessage())))
        .compose(v -> options.readUrls().isEmpty() ? Future.succeededFuture() : openReplicas())
        .onSuccess(v -> {
          Replicas r = replicas;
          if (r == null) {
            Sql primary = new SqlImpl(TracedStatements.of(loops, tracer, url), meters);
            read = primary;
            sql = primary;
          } else {
            Statements writes = new PrimaryStatements(loops);
            Sql primary = new SqlImpl(TracedStatements.of(writes, tracer, url), meters);
            // A read's server is the replica or the primary, chosen per statement: the span names neither.
            read = new ReadSql(new SqlImpl(TracedStatements.of(new ReadStatements(loops, writes, r, meters), tracer,
                url.database(), null, 0), meters), primary);
            sql = primary;
          }
        });
  }

  /** Opens the read replicas' loop connections and measures them once; a replica that is down does not fail the start. */
  private Future<Void> openReplicas() {
    List<Replica> all = new java.util.ArrayList<>();
    for (int i = 0; i < options.readUrls().size(); i++) {
      DatabaseUrl u = options.readUrls().get(i);
      all.add(new Replica(u, new LoopConnections(vertx, connectOptions(u), options.connectionsPerLoop(),
          DbOptions.DEFAULT_PREPARED_CACHE_SIZE, meters, "replica " + i + " "), options.replicaMaxLagMs()));
    }
    Replicas r = new Replicas(vertx, loops, all, options.replicaCheckIntervalMs());
    replicas = r;
    if (meters != null) {
      meters.replicas(all);
    }
    LOG.info("Read replicas: {}; reads of Sql.read() go to them while they lag by at most {} ms", options.readUrls(),
        options.replicaMaxLagMs());
    return r.start();
  }

  /** The options of a connection to this database (once started): for a connection of one's own, such as the listener's. */
  public PgConnectOptions connectOptions() {
    if (url == null) {
      throw new IllegalStateException("the database has not started");
    }
    return connectOptions(url);
  }

  private PgConnectOptions connectOptions(DatabaseUrl u) {
    PgConnectOptions o = new PgConnectOptions()
        .setHost(u.host()).setPort(u.port()).setDatabase(u.database()).setUser(u.user())
        .setPipeliningLimit(options.pipeliningLimit())
        .setCachePreparedStatements(options.preparedCache())
        .setPreparedStatementCacheMaxSize(DbOptions.DEFAULT_PREPARED_CACHE_SIZE);
    if (u.password() != null) {
      o.setPassword(u.password());
    }
    return PgTls.apply(u, o);
  }

  /**
   * {@code SELECT 1} until it answers, at most {@code attempts} times, one second apart. A failure
   * that no retry fixes (see {@link ConnectFailures}) fails at once.
   */
  private Future<Void> awaitServer(Vertx vertx, int attempts) {
    Promise<Void> done = Promise.promise();
    tryConnect(vertx, 1, attempts, done);
    return done.future();
  }

  private void tryConnect(Vertx vertx, int attempt, int attempts, Promise<Void> done) {
    pool.query("SELECT 1").execute().onComplete(ok -> done.complete(), e -> {
      String permanent = ConnectFailures.permanent(url, e);
      if (permanent != null) {
        done.fail(new IllegalStateException(permanent, e));
        return;
      }
      if (attempt >= attempts) {
        done.fail(new IllegalStateException("cannot reach the database at " + url + " after " + attempts
            + " attempt(s): " + e.getMessage()));
        return;
      }
      LOG.warn("Database {} not reachable (attempt {} of {}): {}; retrying in 1 s", url, attempt, attempts, e.getMessage());
      vertx.setTimer(1000, t -> tryConnect(vertx, attempt + 1, attempts, done));
    });
  }

  private Future<Void> stop(Vertx vertx) {
    DerivedSql.clear();
    Future<Void> closed = pool == null ? Future.succeededFuture() : pool.close();
    LoopConnections open = loops;
    if (open != null) {
      closed = closed.eventually(open::close);
    }
    Replicas r = replicas;
    if (r != null) {
      closed = closed.eventually(r::close);
    }
    AutoCloseable pg = embedded;
    return pg == null ? closed : closed.eventually(() -> vertx.executeBlocking(() -> {
      pg.close();
      return null;
    }));
  }

  private Sql sql() {
    Sql s = sql;
    if (s == null) {
      throw new IllegalStateException("the database is used before the app started");
    }
    return s;
  }

  @Override
  public <T> Future<T> one(String q, Tuple params, RowMapper<T> mapper) {
    return sql().one(q, params, mapper);
  }

  @Override
  public <T> Future<Optional<T>> optional(String q, Tuple params, RowMapper<T> mapper) {
    return sql().optional(q, params, mapper);
  }

  @Override
  public <T> Future<List<T>> list(String q, Tuple params, RowMapper<T> mapper) {
    return sql().list(q, params, mapper);
  }

  @Override
  public Future<Integer> execute(String q, Tuple params) {
    return sql().execute(q, params);
  }

  @Override
  public Future<Integer> batch(String q, List<Tuple> params) {
    return sql().batch(q, params);
  }

  @Override
  public <T> Future<Page<T>> page(String q, String countQ, Tuple params, PageRequest page, RowMapper<T> mapper) {
    return sql().page(q, countQ, params, page, mapper);
  }

  @Override
  public <T> Future<CursorPage<T>> keyset(String q, Tuple params, Keyset<T> keyset, CursorRequest page, RowMapper<T> mapper) {
    return sql().keyset(q, params, keyset, page, mapper);
  }

  @Override
  public Sql read() {
    Sql r = read;
    if (r == null) {
      throw new IllegalStateException("the database is used before the app started");
    }
    return r;
  }

  @Override
  public <T> Future<T> inTransaction(Function<Sql, Future<T>> work) {
    if (replicas != null) {
      DbLocals.wrote(DbLocals.request()); // the request's later reads see what the transaction wrote
    }
    return pool().withTransaction(conn -> work.apply(new SqlImpl(TracedStatements.of(Statements.of(conn), tracer, url),
            meters)))
        .recover(e -> Future.failedFuture(DbProblems.map(e)));
  }

  @Override
  public <T> Streamed stream(String q, Tuple params, RowMapper<T> mapper, int fetchSize, boolean ndjson) {
    if (fetchSize < 1) {
      throw new IllegalArgumentException("fetchSize must be at least 1, got " + fetchSize);
    }
    return new RowStreamBody<>(pool(), q, params, mapper, fetchSize, ndjson);
  }

  @Override
  public Pool pool() {
    Pool p = pool;
    if (p == null) {
      throw new IllegalStateException("the database is used before the app started");
    }
    return p;
  }

  @Override
  public DatabaseUrl url() {
    return url;
  }
}
