package io.vivace.loadtests.cluster;

import java.util.Arrays;

/** Nearest-rank percentiles of recorded values (ms), for the driver's one-line figures. */
final class Percentiles {
  private long[] values = new long[1024];
  private int size;

  synchronized void add(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  synchronized int count() {
    return size;
  }

  /** The {@code p}-th percentile (0 < p <= 100) by nearest rank; 0 when nothing was recorded. */
  synchronized long at(double p) {
    if (size == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * size);
    return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
  }
}
