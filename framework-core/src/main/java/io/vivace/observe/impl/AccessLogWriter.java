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
 * request arrived, UTC; bytes are the body bytes written. The line's UTF-8 bytes are written
 * straight into this loop's {@link LineBuffer}; the time's text is made once per second.
 *
 * <p>With the default Logback set-up (the logger's only appender is Vivace's batching appender, a
 * {@link LineSink}) no logging event is made: the buffer goes to the sink when it is full or one
 * flush interval after its first line, and {@link #flush} hands over what is left when the server
 * stops. Otherwise each line is logged through SLF4J. Confined to its event loop.
 */
final class AccessLogWriter {
  /** A line's bytes besides its variable fields: names, punctuation, time, numbers. */
  private static final int FIXED_BYTES = 256;

  static final String LOGGER = "io.vivace.access";
  // the format's constant pieces, pre-encoded
  private static final byte[] JSON_TIME = LineBuffer.encoded("{\"time\":\"");
  private static final byte[] JSON_METHOD = LineBuffer.encoded("Z\",\"method\":\"");
  private static final byte[] JSON_ROUTE = LineBuffer.encoded("\",\"route\":");
  private static final byte[] JSON_PATH = LineBuffer.encoded(",\"path\":");
  private static final byte[] JSON_STATUS = LineBuffer.encoded(",\"status\":");
  private static final byte[] JSON_BYTES = LineBuffer.encoded(",\"bytes\":");
  private static final byte[] JSON_DURATION = LineBuffer.encoded(",\"duration_us\":");
  private static final byte[] JSON_ID = LineBuffer.encoded(",\"request_id\":");
  private static final byte[] JSON_CLIENT = LineBuffer.encoded(",\"client\":");
  private static final byte[] JSON_TRACE = LineBuffer.encoded(",\"trace_id\":");
  private static final byte[] CLF_TIME = LineBuffer.encoded(" - - [");
  private static final byte[] CLF_TIME_END = LineBuffer.encoded("] \"");
  private static final byte[] CLF_QUOTE_SPACE = LineBuffer.encoded("\" ");
  private static final byte[] CLF_SPACE_QUOTE = LineBuffer.encoded(" \"");
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO_SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private final boolean json;
  private final ProxiedClients clients;
  private final java.util.Set<String> exactPaths;
  private long second = Long.MIN_VALUE;
  private byte[] secondText;
  private final LineBuffer line;

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
    this.line = new LineBuffer(sink, vertx, LOG);
  }

  /**
   * The route of {@code req} when no route recorded itself: its path when a route has that exact
   * path and the request was answered before dispatch (a CORS preflight), else null. Looked up only
   * for such requests, when the line is written.
   */
  private String exactRoute(HttpServerRequest req) {
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
    String path = req.path();
    String method = req.method().name();
    String traceId = r.span != null ? r.span.traceId() : null;
    String route = r.route != null || r.routed ? r.route : exactRoute(req);
    LineBuffer b = line;
    b.begin(FIXED_BYTES + method.length() + LineBuffer.maxBytes(route) + LineBuffer.maxBytes(path)
        + LineBuffer.maxBytes(r.id) + LineBuffer.maxBytes(client) + LineBuffer.maxBytes(traceId));
    if (json) {
      b.bytes(JSON_TIME).bytes(secondText(arrived)).ascii('.').threeDigits((int) Math.floorMod(arrived, 1000L));
      b.bytes(JSON_METHOD).ascii(method).bytes(JSON_ROUTE).jsonString(route);
      b.bytes(JSON_PATH).jsonString(path);
      b.bytes(JSON_STATUS).number(resp.getStatusCode());
      b.bytes(JSON_BYTES).number(AccessRecord.bodyBytesWritten(req, resp));
      b.bytes(JSON_DURATION).number(micros);
      b.bytes(JSON_ID).jsonString(r.id);
      b.bytes(JSON_CLIENT).jsonString(client);
      if (r.span != null) {
        b.bytes(JSON_TRACE).jsonString(traceId);
      }
      b.ascii('}');
    } else {
      if (client == null) {
        b.ascii('-');
      } else {
        b.clfText(client);
      }
      b.bytes(CLF_TIME).bytes(secondText(arrived)).bytes(CLF_TIME_END).ascii(method).ascii(' ').clfText(path);
      b.ascii(' ').ascii(protocol(req)).bytes(CLF_QUOTE_SPACE).number(resp.getStatusCode()).ascii(' ');
      long bytes = AccessRecord.bodyBytesWritten(req, resp);
      if (bytes > 0) {
        b.number(bytes);
      } else {
        b.ascii('-');
      }
      b.bytes(CLF_SPACE_QUOTE);
      if (route != null) {
        b.clfText(route);
      } else {
        b.ascii('-');
      }
      b.bytes(CLF_QUOTE_SPACE).number(micros).ascii(' ');
      if (r.id != null) {
        b.clfText(r.id);
      } else {
        b.ascii('-');
      }
      if (r.span != null) {
        b.ascii(' ');
        if (traceId == null) {
          b.ascii('-');
        } else {
          b.clfText(traceId);
        }
      }
    }
    b.end();
  }

  /** Hands the lines this loop still holds to the sink, at once (the server has stopped). */
  void flush() {
    line.flush();
  }

  private byte[] secondText(long millis) {
    long s = Math.floorDiv(millis, 1000L);
    if (s != second) {
      Instant at = Instant.ofEpochSecond(s);
      secondText = LineBuffer.encoded(json ? ISO_SECOND.format(at) : CLF.format(at));
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
}
