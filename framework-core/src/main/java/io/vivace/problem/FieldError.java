package io.vivace.problem;

import com.dslplatform.json.JsonObject;
import com.dslplatform.json.JsonWriter;
import java.util.Objects;

/**
 * One problem with one input field, an entry of a problem's {@code errors} array.
 *
 * <p>Body fields are located by a JSON pointer (RFC 6901) and render as
 * {@code {"pointer":"#/title","detail":"must not be blank"}}, as in RFC 9457's example; path, query,
 * header and cookie parameters by name and location, as
 * {@code {"parameter":"limit","in":"query","detail":"must be an integer"}}.
 *
 * @param in where the field is: {@code body}, {@code path}, {@code query}, {@code header} or {@code cookie}
 * @param name the JSON pointer without its {@code #} for body fields ({@code /title}; empty for the
 *     whole body), the parameter name otherwise
 * @param detail what is wrong, for a person; never internals
 */
public record FieldError(String in, String name, String detail) implements JsonObject {
  public FieldError {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(detail, "detail");
  }

  /** An error of the body field at {@code pointer} (RFC 6901, e.g. {@code /items/0/name}). */
  public static FieldError body(String pointer, String detail) {
    return new FieldError("body", pointer, detail);
  }

  /** An error of the query parameter {@code name}. */
  public static FieldError query(String name, String detail) {
    return new FieldError("query", name, detail);
  }

  @Override
  public void serialize(JsonWriter w, boolean minimal) {
    w.writeByte(JsonWriter.OBJECT_START);
    if ("body".equals(in)) {
      w.writeAscii("\"pointer\":");
      w.writeString("#" + name);
    } else {
      w.writeAscii("\"parameter\":");
      w.writeString(name);
      w.writeAscii(",\"in\":");
      w.writeString(in);
    }
    w.writeAscii(",\"detail\":");
    w.writeString(detail);
    w.writeByte(JsonWriter.OBJECT_END);
  }
}
