package io.vivace.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.util.concurrent.FastThreadLocalThread;
import io.vivace.metrics.impl.LocalCounters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-thread cells on event-loop-like threads, shared adders elsewhere: the sum is every add. */
class LocalCountersTest {
  @Test
  void cellsOfManyLoopsAndOtherThreadsSumUp() throws Exception {
    LocalCounters c = new LocalCounters(2);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(new FastThreadLocalThread(() -> count(c)));
      threads.add(new Thread(() -> count(c)));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join(30_000);
    }
    assertEquals(8 * 100_000L, c.sum(0));
    assertEquals(8 * 100_000L * 3 - 8 * 100_000L, c.sum(1), "adds and subtractions");
  }

  @Test
  void outOfRangeNamesTheCounter() {
    LocalCounters c = new LocalCounters(2);
    assertEquals("counter 2 of 2", assertThrows(ArrayIndexOutOfBoundsException.class, () -> c.add(2, 1)).getMessage());
    assertEquals("counter -1 of 2", assertThrows(ArrayIndexOutOfBoundsException.class, () -> c.add(-1, 1)).getMessage());
    assertEquals("size must be at least 1: 0", assertThrows(IllegalArgumentException.class, () -> new LocalCounters(0)).getMessage());
  }

  private static void count(LocalCounters c) {
    for (int i = 0; i < 100_000; i++) {
      c.add(0, 1);
      c.add(1, 3);
      c.add(1, -1);
    }
  }
}
