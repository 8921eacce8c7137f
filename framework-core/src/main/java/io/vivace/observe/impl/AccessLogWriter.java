package io.vivace.observe.impl;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one access-log line per request to the logger {@value #LOGGER} (at INFO; the default
 * Logback set-up sends it, asynchronously and never blocking, to standard output as is). Two
 * formats:
 * <ul>
 *   <li>common: the Common Log Format (client, {@code -}, {@code -}, [time], "method path
 *       protocol", status, bytes or {@code -}) followed by the route template in quotes, the
 *       duration in µs and the request id ({@code -} when unknown), and with tracing on the trace id;</li>
 *   <li>json: {@code {"time","method","route","path","status","bytes","duration_us","request_id","client"}},
 *       and with tracing on {@code "trace_id"}.</li>
 * </ul>
 * The path is the request's path without its query (a query may carry secrets). Time is when the
 * request arrived, UTC; bytes are the body bytes written. One line is built in a reused buffer,
 * the time's text is made once per second.
 *
 * <p>With the default Logback set-up (the logger's only appender is Vivace's batching appender, a
 * {@link LineSink}) no logging event is made: the line's bytes go into this loop's buffer, which is
 * handed to the sink when it is full or, by a timer on this loop, one flush interval after its
 * first line; {@link #flush} hands over what is left when the server stops. Otherwise each line
 * is logged through SLF4J. Confined to its event loop.
 */
final class AccessLogWriter implements io.vertx.core.Handler<Long> {
  /** The size of a loop's buffer of lines, in bytes. */
  static final int BUFFER_BYTES = 16 * 1024;

  static final String LOGGER = "io.vivace.access";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO_SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private final boolean json;
  private final ProxiedClients clients;
  private final java.util.Set<String> exactPaths;
  private final StringBuilder line = new StringBuilder(256);
  private long second = Long.MIN_VALUE;
  private String secondText;
  /** The direct path's sink, or null when lines go through the logger. */
  private final LineSink sink;
  private final io.vertx.core.Vertx vertx;
  private byte[] buffer;
  private int length;
  private int lines;
  /** The pending hand-over timer, or -1. */
  private long timer = -1;

  /**
   * @param clients the resolver behind trusted proxies, or null when the peer is the client
   * @param exactPaths the paths of the routes without parameters: such a path is its own template
   * @param sink where whole buffers of lines go, or null to log each line
   * @param vertx the owner of this writer's event loop, for the hand-over timer
   */
  AccessLogWriter(boolean json, ProxiedClients clients, java.util.Set<String> exactPaths, LineSink sink,
      io.vertx.core.Vertx vertx) {
    this.json = json;
    this.clients = clients;
    this.exactPaths = exactPaths;
    this.sink = sink;
    this.vertx = vertx;
  }

  /**
   * The route of {@code req} as far as known before dispatch: its path when a route has that exact
   * path (served from the static table, or answered before dispatch), else null (a request that
   * goes to the router gets the template of the route that matches there).
   */
  String exactRoute(HttpServerRequest req) {
    String path = req.path();
    return exactPaths.contains(path) ? path : null;
  }

  void write(AccessRecord r) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    long micros = (System.nanoTime() - r.startNanos) / 1000;
    long arrived = System.currentTimeMillis() - micros / 1000;
    HttpServerRequest req = r.req;
    HttpServerResponse resp = req.response();
    String client = clients != null ? clients.resolve(req) : ProxiedClients.peer(req);
    StringBuilder b = line;
    b.setLength(0);
    if (json) {
      b.append("{\"time\":\"").append(secondText(arrived)).append('.');
      int ms = (int) Math.floorMod(arrived, 1000L);
      b.append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10));
      b.append("Z\",\"method\":\"").append(req.method().name()).append("\",\"route\":");
      jsonString(b, r.route);
      b.append(",\"path\":");
      jsonString(b, req.path());
      b.append(",\"status\":").append(resp.getStatusCode());
      b.append(",\"bytes\":").append(AccessRecord.bodyBytesWritten(req, resp));
      b.append(",\"duration_us\":").append(micros);
      b.append(",\"request_id\":");
      jsonString(b, r.id);
      b.append(",\"client\":");
      jsonString(b, client);
      if (r.span != null) {
        b.append(",\"trace_id\":");
        jsonString(b, r.span.traceId());
      }
      b.append('}');
    } else {
      b.append(client == null ? "-" : client).append(" - - [").append(secondText(arrived)).append("] \"")
          .append(req.method().name()).append(' ');
      clfText(b, req.path());
      b.append(' ').append(protocol(req)).append("\" ").append(resp.getStatusCode()).append(' ');
      long bytes = AccessRecord.bodyBytesWritten(req, resp);
      if (bytes > 0) {
        b.append(bytes);
      } else {
        b.append('-');
      }
      b.append(" \"");
      if (r.route != null) {
        clfText(b, r.route);
      } else {
        b.append('-');
      }
      b.append("\" ").append(micros).append(' ');
      if (r.id != null) {
        clfText(b, r.id);
      } else {
        b.append('-');
      }
      if (r.span != null) {
        String traceId = r.span.traceId();
        b.append(' ').append(traceId == null ? "-" : traceId);
      }
    }
    if (sink == null) {
      LOG.info(b.toString());
    } else {
      append(b);
    }
  }

  /** Puts {@code line} and a newline, UTF-8, into this loop's buffer; hands the buffer over when full. */
  private void append(StringBuilder line) {
    int n = line.length();
    if (buffer == null) {
      buffer = sink.buffer(BUFFER_BYTES);
    }
    if (length + n + 1 > buffer.length) {
      handOver();
      if (n + 1 > buffer.length) { // a line longer than a buffer gets one of its own
        buffer = new byte[n + 1];
      }
    }
    byte[] to = buffer;
    int at = length;
    for (int i = 0; i < n; i++) {
      char c = line.charAt(i);
      if (c >= 0x80) {
        appendEncoded(line);
        return;
      }
      to[at++] = (byte) c;
    }
    to[at++] = '\n';
    added(at);
  }

  /** The slow case of {@link #append}: a line with characters beyond ASCII. */
  private void appendEncoded(StringBuilder line) {
    byte[] utf8 = (line.toString() + '\n').getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (length + utf8.length > buffer.length) {
      handOver();
      if (utf8.length > buffer.length) {
        buffer = new byte[utf8.length];
      }
    }
    System.arraycopy(utf8, 0, buffer, length, utf8.length);
    added(length + utf8.length);
  }

  private void added(int newLength) {
    length = newLength;
    lines++;
    if (timer == -1) {
      timer = vertx.setTimer(sink.flushIntervalMillis(), this);
    }
  }

  /** The hand-over timer. */
  @Override
  public void handle(Long id) {
    timer = -1;
    handOver();
  }

  /** Hands the buffer's lines to the sink, at once; called on this writer's event loop. */
  void flush() {
    if (timer != -1) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    handOver();
  }

  private void handOver() {
    if (length > 0) {
      sink.offer(buffer, length, lines);
      buffer = sink.buffer(BUFFER_BYTES);
      length = 0;
      lines = 0;
    }
  }

  private String secondText(long millis) {
    long s = Math.floorDiv(millis, 1000L);
    if (s != second) {
      Instant at = Instant.ofEpochSecond(s);
      secondText = json ? ISO_SECOND.format(at) : CLF.format(at);
      second = s;
    }
    return secondText;
  }

  private static String protocol(HttpServerRequest req) {
    switch (req.version()) {
      case HTTP_1_0:
        return "HTTP/1.0";
      case HTTP_2:
        return "HTTP/2.0";
      default:
        return "HTTP/1.1";
    }
  }

  /** {@code s} in a JSON string, or {@code null}. */
  static void jsonString(StringBuilder b, CharSequence s) {
    if (s == null) {
      b.append("null");
      return;
    }
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        b.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
      } else {
        b.append(c);
      }
    }
    b.append('"');
  }

  /** {@code s} inside a quoted CLF field: {@code "} and {@code \} escaped, control characters as {@code \xHH}. */
  static void clfText(StringBuilder b, CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        b.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
      } else {
        b.append(c);
      }
    }
  }
}
