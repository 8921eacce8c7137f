package io.vivace.observe.impl.logback;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.vivace.observe.RequestIds;
import org.slf4j.event.KeyValuePair;

/**
 * Logback's {@link AsyncAppender} that, on the logging thread, adds the request id of the Vert.x
 * context the event was logged on ({@link RequestIds#current()}) to the event as the SLF4J
 * key-value pair {@code request_id}; the encoders print it ({@code %kvp} in text,
 * {@code kvpList} in JSON) on the appender's own thread later. No MDC, no thread-local: an event
 * logged outside any request has no {@code request_id}. Use {@code neverBlock} so the event loop
 * never waits for a full queue (events are dropped instead).
 */
public class RequestIdAsyncAppender extends AsyncAppender {
  /** The key of the request id in log events: {@value}. */
  public static final String KEY = "request_id";

  @Override
  protected void preprocess(ILoggingEvent event) {
    if (event instanceof LoggingEvent && !has(event)) { // an event goes through each appender of its logger
      String id = RequestIds.current();
      if (id != null) {
        ((LoggingEvent) event).addKeyValuePair(new KeyValuePair(KEY, id));
      }
    }
    super.preprocess(event);
  }

  private static boolean has(ILoggingEvent event) {
    java.util.List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs != null) {
      for (KeyValuePair p : pairs) {
        if (KEY.equals(p.key)) {
          return true;
        }
      }
    }
    return false;
  }
}
