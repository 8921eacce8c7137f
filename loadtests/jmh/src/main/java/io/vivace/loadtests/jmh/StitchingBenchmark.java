package io.vivace.loadtests.jmh;

import io.vivace.db.eager.impl.Stitch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Eager loading's stitching: build the index of related rows (5 per parent, Long keys, rows in
 * the database's order) and look every parent up once, with the hash map or the sorted arrays, for
 * growing numbers of parents. The crossover sets {@code Stitch.SORTED_MAX_KEYS}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StitchingBenchmark {
  @Param({"2", "4", "8", "16", "32", "64", "256"})
  public int parents;

  List<Object[]> pairs;
  Long[] parentKeys;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    parentKeys = new Long[parents];
    for (int i = 0; i < parents; i++) {
      parentKeys[i] = 1_000L + random.nextInt(1_000_000);
    }
    pairs = new ArrayList<>();
    for (int c = 0; c < parents * 5; c++) {
      pairs.add(new Object[] {parentKeys[random.nextInt(parents)], "row " + c});
    }
  }

  private long lookups(Stitch index) {
    long found = 0;
    for (Long key : parentKeys) {
      List<Object> rows = index.get(key);
      found += rows == null ? 0 : rows.size();
    }
    return found;
  }

  @Benchmark
  public long hashed() {
    return lookups(Stitch.hashed(pairs, parents));
  }

  @Benchmark
  public long sorted() {
    return lookups(Stitch.sorted(pairs));
  }
}
