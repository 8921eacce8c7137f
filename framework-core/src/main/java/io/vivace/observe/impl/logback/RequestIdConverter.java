package io.vivace.observe.impl.logback;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * The pattern word {@code %requestId}: {@code [id] } when the event carries a request id (added by
 * {@link RequestIdAsyncAppender}), nothing otherwise. Runs on the appender's thread.
 */
public final class RequestIdConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs != null) {
      for (KeyValuePair p : pairs) {
        if (RequestIdAsyncAppender.KEY.equals(p.key)) {
          return "[" + p.value + "] ";
        }
      }
    }
    return "";
  }
}
