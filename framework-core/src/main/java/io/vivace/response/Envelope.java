package io.vivace.response;

import com.dslplatform.json.JsonObject;
import com.dslplatform.json.JsonWriter;
import io.vivace.json.Json;

/**
 * An optional response envelope for teams that want one: {@code {"success":true,"data":...}} or
 * {@code {"success":false,"error":"..."}}. Errors thrown by handlers still answer as RFC 9457
 * problems; this is for bodies a handler returns. Immutable.
 */
public final class Envelope implements JsonObject {
  private final boolean success;
  private final Object data;
  private final String error;

  private Envelope(boolean success, Object data, String error) {
    this.success = success;
    this.data = data;
    this.error = error;
  }

  /** {@code {"success":true,"data":<data as JSON>}}. */
  public static Envelope success(Object data) {
    return new Envelope(true, data, null);
  }

  /** {@code {"success":false,"error":<message>}}. */
  public static Envelope failure(String message) {
    return new Envelope(false, null, message);
  }

  public boolean isSuccess() {
    return success;
  }

  public Object data() {
    return data;
  }

  @Override
  public void serialize(JsonWriter w, boolean minimal) {
    if (success) {
      w.writeAscii("{\"success\":true,\"data\":");
      Json.write(w, data);
    } else {
      w.writeAscii("{\"success\":false,\"error\":");
      w.writeString(error);
    }
    w.writeByte(JsonWriter.OBJECT_END);
  }
}
