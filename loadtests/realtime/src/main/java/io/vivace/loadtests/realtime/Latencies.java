package io.vivace.loadtests.realtime;

import java.util.Arrays;

/** Recorded durations in nanoseconds (one thread), summarised as percentiles in ms. */
final class Latencies {
  private long[] values = new long[1024];
  private int count;

  void add(long nanos) {
    if (count == values.length) {
      values = Arrays.copyOf(values, count * 2);
    }
    values[count++] = nanos;
  }

  void addAll(Latencies other) {
    for (int i = 0; i < other.count; i++) {
      add(other.values[i]);
    }
  }

  int count() {
    return count;
  }

  /** {@code p50 … max} in ms, or "none". */
  String summary() {
    if (count == 0) {
      return "none";
    }
    long[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    return String.format("p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms",
        ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 0.999), sorted[count - 1] / 1e6);
  }

  private static double ms(long[] sorted, double q) {
    int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }
}
