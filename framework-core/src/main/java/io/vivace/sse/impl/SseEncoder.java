package io.vivace.sse.impl;

import io.vertx.core.buffer.Buffer;
import io.vivace.json.Json;
import io.vivace.sse.SseEvent;
import java.nio.charset.StandardCharsets;

/** An event in the {@code text/event-stream} format: {@code event:}, {@code id:}, {@code retry:}, {@code data:} lines, a blank line. */
final class SseEncoder {
  private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ID = "id: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RETRY = "retry: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  /** The heartbeat: a comment line, ignored by clients. */
  static final Buffer HEARTBEAT = Buffer.buffer(":\n\n");

  private SseEncoder() {
  }

  static Buffer encode(SseEvent e) {
    Buffer b = Buffer.buffer(64);
    if (e.eventName() != null) {
      b.appendBytes(EVENT).appendString(e.eventName()).appendByte((byte) '\n');
    }
    if (e.eventId() != null) {
      b.appendBytes(ID).appendString(e.eventId()).appendByte((byte) '\n');
    }
    if (e.retryMs() >= 0) {
      b.appendBytes(RETRY).appendString(Long.toString(e.retryMs())).appendByte((byte) '\n');
    }
    if (e.isJson()) {
      b.appendBytes(DATA).appendBuffer(Json.encode(e.data())).appendByte((byte) '\n'); // DSL-JSON escapes line breaks
    } else {
      text(b, (String) e.data());
    }
    return b.appendByte((byte) '\n');
  }

  /** One {@code data:} line per line of {@code text} (CRLF, CR and LF all end a line). */
  private static void text(Buffer b, String text) {
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        b.appendBytes(DATA).appendString(text.substring(start, i)).appendByte((byte) '\n');
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    b.appendBytes(DATA).appendString(text.substring(start)).appendByte((byte) '\n');
  }
}
