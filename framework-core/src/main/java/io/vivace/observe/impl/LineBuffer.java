package io.vivace.observe.impl;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/**
 * One event loop's access-log lines, written as UTF-8 bytes straight into a buffer: no
 * {@code StringBuilder}, no {@code String}, no logging event per line. A line is begun with
 * {@link #begin} (room for its longest form), filled with the field writers and ended with
 * {@link #end}.
 *
 * <p>With a {@link LineSink} (the default Logback set-up) the buffer collects whole lines and is
 * handed to the sink when the next line would not fit, when a timer on this loop fires one
 * {@linkplain LineSink#flushIntervalMillis() flush interval} after the buffer's first line, and at
 * {@link #flush}. Without one, each line is logged through {@code logger} as a {@code String} and the
 * buffer is reused. Confined to its event loop.
 */
final class LineBuffer implements Handler<Long> {
  /** The size of a loop's buffer of lines, in bytes. */
  static final int BUFFER_BYTES = 16 * 1024;

  private final LineSink sink;
  private final Vertx vertx;
  private final Logger logger;
  private byte[] buf;
  private int pos;
  private int lineStart;
  private int lines;
  /** The pending hand-over timer, or -1. */
  private long timer = -1;

  /**
   * @param sink where whole buffers go, or null to log each line through {@code logger}
   * @param vertx the owner of this loop, for the hand-over timer (unused without a sink)
   */
  LineBuffer(LineSink sink, Vertx vertx, Logger logger) {
    this.sink = sink;
    this.vertx = vertx;
    this.logger = logger;
  }

  /** Begins a line of at most {@code maxBytes} bytes (its newline included). */
  void begin(int maxBytes) {
    if (buf == null || pos + maxBytes > buf.length) {
      handOver();
      if (buf == null || maxBytes > buf.length) {
        buf = sink != null ? sink.buffer(Math.max(BUFFER_BYTES, maxBytes)) : new byte[Math.max(1024, maxBytes)];
      }
    }
    lineStart = pos;
  }

  /** Ends the line: a newline, then the line is handed on (logged at once without a sink). */
  void end() {
    if (sink == null) {
      logger.info(new String(buf, lineStart, pos - lineStart, StandardCharsets.UTF_8));
      pos = 0;
      return;
    }
    buf[pos++] = '\n';
    lines++;
    if (timer == -1) {
      timer = vertx.setTimer(sink.flushIntervalMillis(), this);
    }
  }

  /** Writes {@code c}, an ASCII character. */
  LineBuffer ascii(char c) {
    buf[pos++] = (byte) c;
    return this;
  }

  /** Writes {@code s}, known to be ASCII and to need no escaping (constants, numbers' text). */
  LineBuffer ascii(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      buf[pos++] = (byte) s.charAt(i);
    }
    return this;
  }

  /** Writes {@code bytes}, pre-encoded ASCII (a constant piece of the format). */
  LineBuffer bytes(byte[] bytes) {
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
    return this;
  }

  /** {@code s} (ASCII) as bytes, for {@link #bytes}. */
  static byte[] encoded(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Writes {@code v} in decimal; {@code v} is not negative. */
  LineBuffer number(long v) {
    if (v < 10) {
      buf[pos++] = (byte) ('0' + v);
      return this;
    }
    int digits = 0;
    for (long x = v; x > 0; x /= 10) {
      digits++;
    }
    int at = pos + digits;
    for (long x = v; x > 0; x /= 10) {
      buf[--at] = (byte) ('0' + x % 10);
    }
    pos += digits;
    return this;
  }

  /** Writes {@code v} (0–999) in three digits. */
  LineBuffer threeDigits(int v) {
    buf[pos++] = (byte) ('0' + v / 100);
    buf[pos++] = (byte) ('0' + v / 10 % 10);
    buf[pos++] = (byte) ('0' + v % 10);
    return this;
  }

  /** Writes {@code s} as a JSON string ({@code "} and {@code \} escaped, controls as {@code \}{@code u00XX}), or {@code null}. */
  LineBuffer jsonString(CharSequence s) {
    if (s == null) {
      return ascii("null");
    }
    buf[pos++] = '"';
    escaped(s, "\\u00");
    buf[pos++] = '"';
    return this;
  }

  /** Writes {@code s} inside a quoted Common Log Format field: {@code "} and {@code \} escaped, controls as {@code \xHH}. */
  LineBuffer clfText(CharSequence s) {
    escaped(s, "\\x");
    return this;
  }

  /** {@code s} in UTF-8 with {@code "} and {@code \} escaped by a backslash and controls as {@code control} and two hex digits. */
  private void escaped(CharSequence s, String control) {
    byte[] b = buf;
    int p = pos;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f) { // printable ASCII: nearly every character of a line
        if (c == '"' || c == '\\') {
          b[p++] = '\\';
        }
        b[p++] = (byte) c;
      } else if (c < 0x80) {
        pos = p;
        ascii(control).hex(c);
        p = pos;
      } else {
        pos = p;
        i = character(s, i, c);
        p = pos;
      }
    }
    pos = p;
  }

  /** The longest bytes {@link #jsonString} or {@link #clfText} writes for {@code s}. */
  static int maxBytes(CharSequence s) {
    return s == null ? 4 : 6 * s.length() + 2;
  }

  private void hex(char c) {
    buf[pos++] = (byte) Character.forDigit(c >> 4, 16);
    buf[pos++] = (byte) Character.forDigit(c & 15, 16);
  }

  /** Writes {@code c}, at {@code i} of {@code s}, in UTF-8; returns the index of its last char. */
  private int character(CharSequence s, int i, char c) {
    if (c < 0x80) {
      buf[pos++] = (byte) c;
    } else if (c < 0x800) {
      buf[pos++] = (byte) (0xc0 | c >> 6);
      buf[pos++] = (byte) (0x80 | c & 0x3f);
    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
      int cp = Character.toCodePoint(c, s.charAt(i + 1));
      buf[pos++] = (byte) (0xf0 | cp >> 18);
      buf[pos++] = (byte) (0x80 | cp >> 12 & 0x3f);
      buf[pos++] = (byte) (0x80 | cp >> 6 & 0x3f);
      buf[pos++] = (byte) (0x80 | cp & 0x3f);
      return i + 1;
    } else if (Character.isSurrogate(c)) {
      buf[pos++] = '?'; // an unpaired surrogate, as the JDK's encoder replaces it
    } else {
      buf[pos++] = (byte) (0xe0 | c >> 12);
      buf[pos++] = (byte) (0x80 | c >> 6 & 0x3f);
      buf[pos++] = (byte) (0x80 | c & 0x3f);
    }
    return i;
  }

  /** The hand-over timer. */
  @Override
  public void handle(Long id) {
    timer = -1;
    handOver();
  }

  /** Hands the lines held to the sink at once. */
  void flush() {
    if (timer != -1) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    handOver();
  }

  private void handOver() {
    if (sink != null && pos > 0) {
      sink.offer(buf, pos, lines);
      buf = sink.buffer(BUFFER_BYTES);
      pos = 0;
      lines = 0;
    }
  }
}
