package io.vivace.health;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Objects;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.function.Supplier;

/**
 * The checks behind the health route ({@code GET /health} by default, {@code VIVACE_HEALTH_PATH}).
 * With no checks the route answers {@code 200 {"status":"UP"}}. Each registered check runs
 * concurrently per health request; all succeeding gives 200 with {@code "checks":{"db":"UP"}}, any
 * failing (or not answering within {@value #CHECK_TIMEOUT_MS} ms) gives 503 and {@code "DOWN"}.
 * Checks are reported in registration order. Thread-safe; checks are called on the event loop and must not block.
 */
public final class Health {
  /** Time a check gets before it counts as down, in milliseconds: {@value}. */
  public static final long CHECK_TIMEOUT_MS = 2_000;

  private final Map<String, Supplier<Future<?>>> checks = new LinkedHashMap<>();

  /** No checks yet (the route answers {@code 200 {"status":"UP"}}); an app adds its checks to {@code App.health()}. */
  public Health() {
  }

  /**
   * Registers (or replaces) the check {@code name}: a future that succeeds when the dependency is
   * ready, such as a {@code SELECT 1}.
   */
  public synchronized Health check(String name, Supplier<Future<?>> check) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(check, "check");
    checks.put(name, check);
    return this;
  }

  /** The registered checks by name, in registration order (a snapshot). */
  public synchronized Map<String, Supplier<Future<?>>> checks() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(checks));
  }
}
