package io.vivace.db.eager.impl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups related rows by the key they belong under, for the parents' lookups. Two layouts: a hash
 * map, and for few keys sorted arrays searched by binary search; {@link #index} picks by the number
 * of distinct keys against {@link #SORTED_MAX_KEYS}, the crossover measured by
 * {@code loadtests/jmh}'s {@code StitchingBenchmark}. Keys are Integer, Long, String or UUID.
 * Built once per load; read-only afterwards.
 */
public abstract class Stitch {
  /**
   * Most distinct keys for which sorted arrays are used: {@value}. Set from StitchingBenchmark
   * (see docs/performance.md).
   */
  public static final int SORTED_MAX_KEYS = 0;

  Stitch() {
  }

  /** The rows under {@code key}, or null. */
  public abstract List<Object> get(Object key);

  /** Every group of rows. */
  public abstract Collection<List<Object>> groups();

  /** An index of {@code pairs} ({key, value} in arrival order) for {@code distinctKeys} parents. */
  public static Stitch index(List<Object[]> pairs, int distinctKeys) {
    return distinctKeys <= SORTED_MAX_KEYS ? sorted(pairs) : hashed(pairs, distinctKeys);
  }

  /** The hash-map layout. */
  public static Stitch hashed(List<Object[]> pairs, int distinctKeys) {
    Map<Object, List<Object>> map = new HashMap<>(Math.max(16, distinctKeys * 2));
    for (Object[] kv : pairs) {
      map.computeIfAbsent(kv[0], k -> new ArrayList<>(4)).add(kv[1]);
    }
    return new Stitch() {
      @Override
      public List<Object> get(Object key) {
        return map.get(key);
      }

      @Override
      public Collection<List<Object>> groups() {
        return map.values();
      }
    };
  }

  /** The sorted-arrays layout: pairs sorted by key (stable, so each group keeps row order). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Stitch sorted(List<Object[]> pairs) {
    Object[][] byKey = pairs.toArray(new Object[0][]);
    Comparator<Object[]> order = (a, b) -> ((Comparable) a[0]).compareTo(b[0]);
    Arrays.sort(byKey, order);
    List<Object> keys = new ArrayList<>();
    List<List<Object>> values = new ArrayList<>();
    for (Object[] kv : byKey) {
      if (keys.isEmpty() || !keys.get(keys.size() - 1).equals(kv[0])) {
        keys.add(kv[0]);
        values.add(new ArrayList<>(4));
      }
      values.get(values.size() - 1).add(kv[1]);
    }
    Object[] keyArray = keys.toArray();
    return new Stitch() {
      @Override
      public List<Object> get(Object key) {
        int lo = 0;
        int hi = keyArray.length - 1;
        while (lo <= hi) {
          int mid = (lo + hi) >>> 1;
          int c = ((Comparable) keyArray[mid]).compareTo(key);
          if (c == 0) {
            return values.get(mid);
          }
          if (c < 0) {
            lo = mid + 1;
          } else {
            hi = mid - 1;
          }
        }
        return null;
      }

      @Override
      public Collection<List<Object>> groups() {
        return values;
      }
    };
  }
}
