package io.vivace.metrics.impl;

import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fixed number of long counters, counted without atomic instructions: each event-loop thread
 * (a Netty {@link FastThreadLocalThread}) adds to its own cell with plain (opaque) stores, and
 * {@link #sum} adds the cells up when a scrape reads them. An atomic add (a {@link LongAdder}'s
 * compare-and-swap) drains the CPU's store buffer, which on an event loop that has just written a
 * response costs far more than the add itself. Any other thread (a worker, a virtual thread, a
 * test) adds to shared {@link LongAdder}s, so cells are made once per event loop, never per
 * request. A sum read while loops count is a value each cell held at some moment of the read
 * (counters may be read slightly behind; never torn). Thread-safe.
 */
public final class LocalCounters {
  private static final VarHandle AT = MethodHandles.arrayElementVarHandle(long[].class);
  /** Longs before and after a cell's counters: cells of two loops never share a cache line. */
  private static final int PAD = 8;

  private final int size;
  private final CopyOnWriteArrayList<long[]> cells = new CopyOnWriteArrayList<>();
  private final LongAdder[] shared;
  private final FastThreadLocal<long[]> local = new FastThreadLocal<>() {
    @Override
    protected long[] initialValue() {
      long[] cell = new long[PAD + size + PAD];
      cells.add(cell);
      return cell;
    }
  };

  /** @param size the number of counters, at least 1 */
  public LocalCounters(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1: " + size);
    }
    this.size = size;
    shared = new LongAdder[size];
    for (int i = 0; i < size; i++) {
      shared[i] = new LongAdder();
    }
  }

  /**
   * Adds {@code delta} to counter {@code i} (0 to size - 1).
   *
   * @throws ArrayIndexOutOfBoundsException when {@code i} is out of range
   */
  public void add(int i, long delta) {
    if (i < 0 || i >= size) {
      throw new ArrayIndexOutOfBoundsException("counter " + i + " of " + size);
    }
    if (Thread.currentThread() instanceof FastThreadLocalThread) {
      long[] cell = local.get();
      int at = PAD + i;
      AT.setOpaque(cell, at, (long) AT.getOpaque(cell, at) + delta);
    } else {
      shared[i].add(delta);
    }
  }

  /** The total of counter {@code i} over every thread. */
  public long sum(int i) {
    long total = shared[i].sum();
    int at = PAD + i;
    for (long[] cell : cells) {
      total += (long) AT.getOpaque(cell, at);
    }
    return total;
  }
}
