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
