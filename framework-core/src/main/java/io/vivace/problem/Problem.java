package io.vivace.problem;

import com.dslplatform.json.JsonObject;
import com.dslplatform.json.JsonWriter;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 9457 problem details object, sent as {@code application/problem+json}.
 *
 * <p>Members: {@code type} (a URI, {@code about:blank} when the status says it all), {@code title}
 * (short, the same for every occurrence of the type), {@code status}, {@code detail} (this
 * occurrence, for a person), {@code instance} (the request path), and the extensions
 * {@code errors} (field problems, see {@link FieldError}) and {@code request_id} (set on 500s so a
 * report can be matched with the log). Null members are left out. Immutable and thread-safe.
 */
public record Problem(String type, String title, int status, String detail, String instance,
    List<FieldError> errors, String requestId) implements JsonObject {

  /** The media type of a problem body, RFC 9457 section 3. */
  public static final String CONTENT_TYPE = "application/problem+json";

  public Problem {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(title, "title");
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("problem status must be 400..599, got " + status);
    }
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** A problem of type {@code about:blank} whose title is the status's reason phrase. */
  public static Problem of(int status, String detail) {
    return new Problem("about:blank", reason(status), status, detail, null, List.of(), null);
  }

  /** A problem listing field errors (for 400 and 422). */
  public static Problem of(int status, String detail, List<FieldError> errors) {
    return new Problem("about:blank", reason(status), status, detail, null, errors, null);
  }

  /** This problem with {@code instance} set (the request path). */
  public Problem withInstance(String instance) {
    return new Problem(type, title, status, detail, instance, errors, requestId);
  }

  /** This problem with a request id. */
  public Problem withRequestId(String requestId) {
    return new Problem(type, title, status, detail, instance, errors, requestId);
  }

  /** The reason phrase of an HTTP status as RFC 9110 names it, e.g. {@code Not Found} for 404. */
  public static String reason(int status) {
    switch (status) {
      case 413:
        return "Content Too Large";
      case 414:
        return "URI Too Long";
      case 416:
        return "Range Not Satisfiable";
      case 422:
        return "Unprocessable Content";
      default:
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }
  }

  @Override
  public void serialize(JsonWriter w, boolean minimal) {
    w.writeAscii("{\"type\":");
    w.writeString(type);
    w.writeAscii(",\"title\":");
    w.writeString(title);
    w.writeAscii(",\"status\":");
    com.dslplatform.json.NumberConverter.serialize(status, w);
    if (detail != null) {
      w.writeAscii(",\"detail\":");
      w.writeString(detail);
    }
    if (instance != null) {
      w.writeAscii(",\"instance\":");
      w.writeString(instance);
    }
    if (!errors.isEmpty()) {
      w.writeAscii(",\"errors\":[");
      for (int i = 0; i < errors.size(); i++) {
        if (i > 0) {
          w.writeByte(JsonWriter.COMMA);
        }
        errors.get(i).serialize(w, minimal);
      }
      w.writeByte(JsonWriter.ARRAY_END);
    }
    if (requestId != null) {
      w.writeAscii(",\"request_id\":");
      w.writeString(requestId);
    }
    w.writeByte(JsonWriter.OBJECT_END);
  }
}
