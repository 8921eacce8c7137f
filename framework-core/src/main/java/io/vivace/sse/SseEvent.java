package io.vivace.sse;

import java.util.Objects;

/**
 * One Server-Sent Event (WHATWG HTML, "Server-sent events"): an optional {@code event} name, an
 * optional {@code id} (the client sends the last one back as {@code Last-Event-ID} when it
 * reconnects), the {@code data} and an optional {@code retry} (ms the client waits before it
 * reconnects). Immutable; build with {@link #json}, {@link #text} and the {@code with*} methods.
 *
 * <pre>{@code
 * SseEvent.json(comment).event("comment").id(String.valueOf(comment.id()))
 * }</pre>
 *
 * The {@code event} and {@code id} may not contain a line break ({@code id} no NUL either): the
 * methods throw {@link IllegalArgumentException}. Text data with line breaks is sent as several
 * {@code data:} lines, which the client joins with {@code \n}.
 */
public final class SseEvent {
  private final Object data;
  private final boolean json;
  private final String event;
  private final String id;
  private final long retryMs;

  private SseEvent(Object data, boolean json, String event, String id, long retryMs) {
    this.data = data;
    this.json = json;
    this.event = event;
    this.id = id;
    this.retryMs = retryMs;
  }

  /**
   * An event whose data is {@code value} as JSON (DSL-JSON, as a response body: a record or class
   * with {@code @CompiledJson}, a list, a map, a string...). Encoded when it is sent, on the
   * caller's thread; a value without a JSON converter fails there.
   *
   * @param value not null
   */
  public static SseEvent json(Object value) {
    return new SseEvent(Objects.requireNonNull(value, "value"), true, null, null, -1);
  }

  /** An event whose data is {@code text} as is (line breaks become several {@code data:} lines); not null. */
  public static SseEvent text(String text) {
    return new SseEvent(Objects.requireNonNull(text, "text"), false, null, null, -1);
  }

  /** This event with the type {@code name} (the client's {@code addEventListener(name, ...)}); no line break. */
  public SseEvent event(String name) {
    return new SseEvent(data, json, checkLine("event", name), id, retryMs);
  }

  /** This event with the id {@code id}, which a reconnecting client sends back as {@code Last-Event-ID}; no line break or NUL. */
  public SseEvent id(String id) {
    if (id != null && id.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("an event id may not contain NUL");
    }
    return new SseEvent(data, json, event, checkLine("id", id), retryMs);
  }

  /** This event telling the client to wait {@code ms} milliseconds (≥ 0) before it reconnects. */
  public SseEvent retry(long ms) {
    if (ms < 0) {
      throw new IllegalArgumentException("retry must be >= 0 ms, not " + ms);
    }
    return new SseEvent(data, json, event, id, ms);
  }

  /** The data: the value to write as JSON, or the text. */
  public Object data() { return data; }

  /** Whether {@link #data()} is written as JSON. */
  public boolean isJson() { return json; }

  /** The event type, or null (the client's default {@code message}). */
  public String eventName() { return event; }

  /** The id, or null. */
  public String eventId() { return id; }

  /** The retry delay in ms, or -1 when not set. */
  public long retryMs() { return retryMs; }

  private static String checkLine(String field, String value) {
    if (value != null && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)) {
      throw new IllegalArgumentException("an event's " + field + " may not contain a line break");
    }
    return value;
  }
}
