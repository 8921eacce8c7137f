package io.vivace.health;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Objects;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;

/**
 * The checks behind the health route ({@code GET /health} by default, {@code VIVACE_HEALTH_PATH}).
 * With no checks the route answers {@code 200 {"status":"UP"}}. Each registered check runs
 * concurrently per health request; all succeeding gives 200 with {@code "checks":{"db":"UP"}}, any
 * failing (or not answering within {@value #CHECK_TIMEOUT_MS} ms) gives 503 and {@code "DOWN"}.
 * Checks are reported in registration order. Thread-safe; checks are called on the event loop and must not block.
 *
 * <p>Readiness checks ({@link #readiness}) are those behind the readiness probe ({@code GET
 * /health/ready}): each module registers what must answer before the app should get traffic (the
 * database reachable and migrated, Redis when configured), each with its own timeout. The liveness
 * probe ({@code GET /health/live}) needs no check: it asks every event loop to answer.
 */
public final class Health {
  /** Time a check gets before it counts as down, in milliseconds: {@value}. */
  public static final long CHECK_TIMEOUT_MS = 2_000;
  /** Time a readiness check gets by default before it counts as down, in milliseconds: {@value}. */
  public static final long DEFAULT_READINESS_TIMEOUT_MS = 1_000;

  /**
   * A readiness check.
   *
   * @param name what it checks ({@code db}), named in the probe's answer when down
   * @param timeoutMs milliseconds it gets before it counts as down
   * @param check a future that succeeds when the dependency is ready; called on an event loop,
   *     must not block
   */
  public record Check(String name, long timeoutMs, Supplier<Future<?>> check) {
    public Check {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(check, "check");
      if (timeoutMs < 1) {
        throw new IllegalArgumentException("a readiness check's timeout must be at least 1 ms, got " + timeoutMs);
      }
    }
  }

  private final Map<String, Supplier<Future<?>>> checks = new LinkedHashMap<>();
  private final Map<String, Check> readiness = new LinkedHashMap<>();

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

  /**
   * Registers (or replaces) the readiness check {@code name}: the readiness probe answers 503
   * naming it while its future fails or does not complete within {@code timeoutMs}.
   *
   * @param timeoutMs milliseconds, at least 1 ({@link #DEFAULT_READINESS_TIMEOUT_MS} is usual)
   * @param check called on an event loop per probe; must not block
   */
  public synchronized Health readiness(String name, long timeoutMs, Supplier<Future<?>> check) {
    Check c = new Check(name, timeoutMs, check);
    readiness.put(name, c);
    return this;
  }

  /** The registered readiness checks, in registration order (a snapshot). */
  public synchronized List<Check> readinessChecks() {
    return List.copyOf(readiness.values());
  }

  /** The registered checks by name, in registration order (a snapshot). */
  public synchronized Map<String, Supplier<Future<?>>> checks() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(checks));
  }
}
