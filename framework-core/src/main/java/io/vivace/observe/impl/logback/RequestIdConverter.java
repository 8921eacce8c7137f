package io.vivace.observe.impl.logback;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * The pattern word {@code %requestId}: {@code [id] } when the event carries a request id (added by
 * {@link RequestIdAsyncAppender}), {@code [id trace_id=hex] } when it also carries a trace id
 * (tracing on), {@code [trace_id=hex] } with a trace id alone, nothing otherwise. Runs on the
 * appender's thread.
 */
public final class RequestIdConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs == null) {
      return "";
    }
    Object id = null;
    Object traceId = null;
    for (KeyValuePair p : pairs) {
      if (RequestIdAsyncAppender.KEY.equals(p.key)) {
        id = p.value;
      } else if (RequestIdAsyncAppender.TRACE_KEY.equals(p.key)) {
        traceId = p.value;
      }
    }
    if (traceId == null) {
      return id == null ? "" : "[" + id + "] ";
    }
    return id == null ? "[trace_id=" + traceId + "] " : "[" + id + " trace_id=" + traceId + "] ";
  }
}
