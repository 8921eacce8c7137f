package io.vivace.server.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DateHeaderTest {

  @Test
  void formatsImfFixdateInGmt() {
    // 1994-11-06T08:49:37Z, the example of RFC 9110 section 5.6.7
    DateHeader date = new DateHeader(() -> 784111777_000L);
    assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", date.value().toString());
  }

  @Test
  void formatsOncePerSecondWhateverTheNumberOfRefreshes() {
    AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    DateHeader date = new DateHeader(clock::get);
    CharSequence first = date.value();
    for (int i = 0; i < 3; i++) {
      clock.addAndGet(DateHeader.TICK_MS);
      date.refresh();
    }
    assertSame(first, date.value(), "same second: the value is not formatted again");
    assertEquals(1, date.formatCount());
    clock.addAndGet(DateHeader.TICK_MS);
    date.refresh();
    assertEquals(2, date.formatCount());
    assertEquals("Tue, 14 Nov 2023 22:13:21 GMT", date.value().toString());
  }
}
