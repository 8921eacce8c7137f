package io.vivace.observe.impl.logback;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.vivace.observe.RequestIds;
import io.vivace.observe.Traces;
import org.slf4j.event.KeyValuePair;

/**
 * Logback's {@link AsyncAppender} that, on the logging thread, adds the request id of the Vert.x
 * context the event was logged on ({@link RequestIds#current()}) to the event as the SLF4J
 * key-value pair {@code request_id}, and with tracing on its trace id ({@link Traces#currentTraceId()},
 * 32 hex digits) as {@code trace_id}; the encoders print them ({@code %kvp} in text,
 * {@code kvpList} in JSON) on the appender's own thread later. No MDC, no thread-local: an event
 * logged outside any request has neither. Use {@code neverBlock} so the event loop
 * never waits for a full queue (events are dropped instead).
 */
public class RequestIdAsyncAppender extends AsyncAppender {
  /** The key of the request id in log events: {@value}. */
  public static final String KEY = "request_id";
  /** The key of the trace id in log events: {@value}. */
  public static final String TRACE_KEY = "trace_id";

  @Override
  protected void preprocess(ILoggingEvent event) {
    if (event instanceof LoggingEvent && !has(event)) { // an event goes through each appender of its logger
      String id = RequestIds.current();
      if (id != null) {
        ((LoggingEvent) event).addKeyValuePair(new KeyValuePair(KEY, id));
      }
      String traceId = Traces.currentTraceId();
      if (traceId != null) {
        ((LoggingEvent) event).addKeyValuePair(new KeyValuePair(TRACE_KEY, traceId));
      }
    }
    super.preprocess(event);
  }

  private static boolean has(ILoggingEvent event) {
    java.util.List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs != null) {
      for (KeyValuePair p : pairs) {
        if (KEY.equals(p.key) || TRACE_KEY.equals(p.key)) {
          return true;
        }
      }
    }
    return false;
  }
}
