package io.vivace.db.impl;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vivace.db.ConstraintViolation;
import io.vivace.db.DatabaseUnavailableException;
import io.vivace.db.TooManyRowsException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The database's meters, registered once at start when the app's metrics are on ({@code null}
 * everywhere when they are off, so that costs one branch per query):
 *
 * <ul>
 *   <li>{@code vivace.db.queries} (counter): statements sent through {@code Sql} (a batch counts
 *       once), ended or failed;</li>
 *   <li>{@code vivace.db.query} (timer, seconds, with histogram buckets): from sending a statement
 *       to its result;</li>
 *   <li>{@code vivace.db.queries.in.flight} (gauge): statements sent and not yet answered;</li>
 *   <li>{@code vivace.db.errors} (counter; tag {@code class}: {@code unavailable},
 *       {@code constraint}, {@code too_many_rows}, {@code other}): failed statements by typed
 *       failure ({@link DbProblems});</li>
 *   <li>{@code vivace.db.connections} (gauge; tag {@code loop}): open pipelined connections of each
 *       event loop;</li>
 *   <li>{@code vivace.db.reconnects} (counter): lost loop connections opened again.</li>
 *   <li>with read replicas: {@code vivace.db.replica.lag} (time gauge, seconds; tag {@code replica},
 *       its {@code host:port}): the last measured lag, NaN while it is down or unmeasured;
 *       {@code vivace.db.replica.usable} (gauge, 1 or 0; tag {@code replica}): whether it serves
 *       reads now; {@code vivace.db.reads.primary} (counter; tag {@code reason}:
 *       {@code read_your_writes}, {@code fallback} (no replica usable), {@code retried} (the
 *       replica failed under the read)): reads of {@code Sql.read()} the primary served.</li>
 * </ul>
 *
 * Every meter is looked up here, once; recording builds no tag. Thread-safe.
 */
final class DbMeters {
  /** Latency histogram buckets of {@code vivace.db.query}. */
  static final Duration[] BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofSeconds(5)};

  private final MeterRegistry registry;
  private final Counter queries;
  private final Timer latency;
  private final LongAdder inFlight = new LongAdder();
  private final Counter unavailable;
  private final Counter constraint;
  private final Counter tooManyRows;
  private final Counter other;
  private final Counter reconnects;
  /** {@code vivace.db.reads.primary} by reason, registered with the replicas (null before). */
  private volatile Counter[] readsOnPrimary;
  /** Reasons of {@link #readOnPrimary}: indexes into its counters. */
  static final int READ_YOUR_WRITES = 0;
  static final int FALLBACK = 1;
  static final int RETRIED = 2;

  DbMeters(MeterRegistry registry) {
    this.registry = registry;
    queries = Counter.builder("vivace.db.queries").description("Statements sent to the database").register(registry);
    latency = Timer.builder("vivace.db.query").description("Time from sending a statement to its result")
        .serviceLevelObjectives(BUCKETS).register(registry);
    Gauge.builder("vivace.db.queries.in.flight", inFlight, LongAdder::sum)
        .description("Statements sent and not yet answered").register(registry);
    unavailable = errors("unavailable");
    constraint = errors("constraint");
    tooManyRows = errors("too_many_rows");
    other = errors("other");
    reconnects = Counter.builder("vivace.db.reconnects")
        .description("Event-loop connections opened again after they were lost").register(registry);
  }

  private Counter errors(String kind) {
    return Counter.builder("vivace.db.errors").description("Failed statements by typed failure")
        .tag("class", kind).register(registry);
  }

  /** Registers the gauge of open connections per event loop. */
  void connections(LoopConnections loops) {
    for (int i = 0; i < loops.loopCount(); i++) {
      int loop = i;
      Gauge.builder("vivace.db.connections", loops, l -> l.openOn(loop))
          .description("Open pipelined connections of the event loop").tag("loop", Integer.toString(i))
          .register(registry);
    }
  }

  /** Registers the replicas' gauges and the counter of reads the primary served instead. */
  void replicas(java.util.List<Replica> replicas) {
    for (Replica r : replicas) {
      io.micrometer.core.instrument.TimeGauge.builder("vivace.db.replica.lag", r,
              TimeUnit.MILLISECONDS, x -> x.lagMs() < 0 ? Double.NaN : x.lagMs())
          .description("Lag of the read replica behind the primary, as last measured").tag("replica", r.name())
          .register(registry);
      Gauge.builder("vivace.db.replica.usable", r, x -> x.usable() ? 1 : 0)
          .description("Whether the read replica serves reads now").tag("replica", r.name()).register(registry);
    }
    Counter[] counters = new Counter[3];
    String[] reasons = {"read_your_writes", "fallback", "retried"};
    for (int i = 0; i < counters.length; i++) {
      counters[i] = Counter.builder("vivace.db.reads.primary").description("Reads of Sql.read() the primary served")
          .tag("reason", reasons[i]).register(registry);
    }
    readsOnPrimary = counters;
  }

  /** A read of {@code Sql.read()} went to the primary, for {@code reason} ({@link #READ_YOUR_WRITES}...). */
  void readOnPrimary(int reason) {
    Counter[] c = readsOnPrimary;
    if (c != null) {
      c[reason].increment();
    }
  }

  /** A statement is sent; returns its start time for {@link #end}. */
  long begin() {
    inFlight.increment();
    return System.nanoTime();
  }

  /**
   * The statement begun at {@code startNanos} is answered.
   *
   * @param failure the typed failure ({@link DbProblems#map}), or null when it succeeded
   */
  void end(long startNanos, Throwable failure) {
    inFlight.decrement();
    queries.increment();
    latency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    if (failure != null) {
      (failure instanceof DatabaseUnavailableException ? unavailable
          : failure instanceof ConstraintViolation ? constraint
          : failure instanceof TooManyRowsException ? tooManyRows : other).increment();
    }
  }

  /** A lost loop connection is open again. */
  void reconnected() {
    reconnects.increment();
  }
}
