package io.vivace.testing;

import com.dslplatform.json.JsonReader;
import com.dslplatform.json.ObjectConverter;
import io.vivace.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Parses JSON text into maps, lists, strings, numbers and booleans, to assert on shapes. */
public final class JsonTree {
  private JsonTree() {
  }

  public static Object parse(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    try {
      JsonReader<Object> r = Json.dsl().newReader(bytes, bytes.length);
      r.getNextToken();
      return ObjectConverter.deserializeObject(r);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(String json) {
    return (Map<String, Object>) parse(json);
  }

  /** The {@code errors} array of a problem body. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> errors(String problemJson) {
    return (List<Map<String, Object>>) object(problemJson).get("errors");
  }
}
