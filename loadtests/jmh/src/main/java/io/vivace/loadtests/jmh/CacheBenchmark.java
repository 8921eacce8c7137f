package io.vivace.loadtests.jmh;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vivace.cache.Cache;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * An L1 hit: Vivace's {@link Cache} (Caffeine underneath, plus its hit counter, its value holder and
 * a completed Vert.x {@code Future}) against a bare Caffeine {@link AsyncCache} configured alike
 * (10,000 entries, 10 minutes, same-thread executor). Every key is cached before measuring; each
 * call reads the next of 1,024 random keys. {@code get} passes a loader (never called on a hit);
 * {@code getIfPresent} reads without one. Average time per operation, ns (lower is better).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CacheBenchmark {
  private static final int KEYS = 10_000;

  Cache<Integer, String> vivace;
  AsyncCache<Integer, String> caffeine;
  Integer[] keys;
  final Function<Integer, Future<String>> vivaceLoader = k -> Future.succeededFuture("v" + k);
  final BiFunction<Integer, Executor, CompletableFuture<String>> caffeineLoader =
      (k, e) -> CompletableFuture.completedFuture("v" + k);

  @State(Scope.Thread)
  public static class Cursor {
    int i;
  }

  @Setup
  public void setUp() {
    vivace = Cache.<Integer, String>builder("bench").maximumSize(KEYS).expireAfterWrite(Duration.ofMinutes(10)).build();
    caffeine = Caffeine.newBuilder().maximumSize(KEYS).expireAfterWrite(Duration.ofMinutes(10))
        .executor(Runnable::run).buildAsync();
    for (int k = 1; k <= KEYS; k++) {
      vivace.get(k, vivaceLoader);
      caffeine.get(k, caffeineLoader);
    }
    java.util.Random random = new java.util.Random(42);
    keys = new Integer[1024];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = 1 + random.nextInt(KEYS);
    }
    if (!vivace.get(keys[0], k -> Future.failedFuture("miss")).succeeded()
        || vivace.stats().l1().size() != caffeine.synchronous().estimatedSize()) {
      throw new IllegalStateException("the caches are not warm alike");
    }
  }

  private Integer next(Cursor c) {
    return keys[c.i++ & 1023];
  }

  @Benchmark
  public String get_vivace(Cursor c) {
    return vivace.get(next(c), vivaceLoader).result();
  }

  @Benchmark
  public String get_caffeine(Cursor c) {
    return caffeine.get(next(c), caffeineLoader).join();
  }

  @Benchmark
  public String getIfPresent_vivace(Cursor c) {
    return vivace.getIfPresent(next(c));
  }

  @Benchmark
  public String getIfPresent_caffeine(Cursor c) {
    CompletableFuture<String> f = caffeine.getIfPresent(next(c));
    return f == null ? null : f.join();
  }
}
