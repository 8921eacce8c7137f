package io.vivace.server.impl;

import io.vertx.core.http.HttpHeaders;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The {@code Date} header value (RFC 9110 IMF-fixdate, {@code Sun, 06 Nov 1994 08:49:37 GMT}) of one
 * event loop. {@link #refresh()} runs from a timer on that loop and formats only when the second has
 * changed; {@link #value()} is read per request and never formats. Confined to its event loop.
 */
public final class DateHeader {
  /** Milliseconds between refresh checks, so the header is at most this late: {@value}. */
  public static final long TICK_MS = 250;

  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  private final LongSupplier clockMillis;
  private long second = Long.MIN_VALUE;
  private CharSequence value;
  private int formats;

  /** @param clockMillis the wall clock in epoch milliseconds ({@code System::currentTimeMillis}) */
  public DateHeader(LongSupplier clockMillis) {
    this.clockMillis = clockMillis;
    refresh();
  }

  /** Formats the header anew if the clock has moved to another second. */
  public void refresh() {
    long now = Math.floorDiv(clockMillis.getAsLong(), 1000L);
    if (now != second) {
      second = now;
      value = HttpHeaders.createOptimized(IMF_FIXDATE.format(Instant.ofEpochSecond(now)));
      formats++;
    }
  }

  /** The current header value, pre-encoded as ASCII. */
  public CharSequence value() {
    return value;
  }

  /** How many times the value was formatted (for tests and diagnostics). */
  public int formatCount() {
    return formats;
  }
}
