package io.vivace.json.impl;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonReader;
import com.dslplatform.json.ObjectConverter;
import io.vivace.json.Json;
import io.vivace.problem.FieldError;
import io.vivace.problem.ProblemException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a request body and turns every failure into a problem that a client can act on:
 * <ul>
 *   <li>malformed JSON (bad syntax, trailing garbage): 400 with the position of the error;</li>
 *   <li>well-formed JSON that does not fit the type: 422 listing <em>every</em> top-level field
 *       whose value has the wrong type, each with its JSON pointer ({@code #/price});</li>
 *   <li>a member the type does not know, when the type rejects unknown members
 *       ({@code @CompiledJson(onUnknown = FAIL)}): 422 "is not a known member" at its pointer;</li>
 *   <li>a missing mandatory member ({@code @JsonAttribute(mandatory = true)}): 422 "is required"
 *       at its pointer;</li>
 *   <li>{@code null} instead of an object: 422 at the document root;</li>
 *   <li>bytes that are not UTF-8 (RFC 8259 section 8.1): 400;</li>
 *   <li>arrays and objects nested deeper than {@link #MAX_DEPTH}: 400, before any parsing (deep
 *       nesting would otherwise exhaust the stack of the recursive readers);</li>
 *   <li>a <code>&#92;u</code> escape of an unpaired UTF-16 surrogate (such as <code>"&#92;ud800"</code>, which has
 *       no UTF-8 form and could only be stored as {@code ?}): 422 naming the field.</li>
 * </ul>
 * The fast path is one DSL-JSON read; the per-field diagnosis runs only after a failure. Never
 * puts internals (class names, stack traces) in a problem. Thread-safe.
 */
public final class JsonBodyDecoder {
  private static final DslJson<Object> DIAGNOSIS = new DslJson<>(new DslJson.Settings<>()
      .errorInfo(JsonReader.ErrorInfo.DESCRIPTION_ONLY));

  /** The deepest nesting of arrays and objects a body may have: {@value}. */
  public static final int MAX_DEPTH = 256;

  private JsonBodyDecoder() {
  }

  /**
   * Decodes {@code bytes[0..length)} with {@code readObject}.
   *
   * @throws ProblemException 400 for malformed JSON, 422 for values that do not fit the type
   */
  public static <T> T decode(JsonReader.ReadObject<T> readObject, byte[] bytes, int length) {
    String unsafe = JsonScan.check(bytes, length, MAX_DEPTH);
    if (unsafe != null) {
      throw unsafe == JsonScan.LONE_SURROGATE
          ? ProblemException.unprocessable(List.of(loneSurrogate(bytes, length)))
          : ProblemException.badRequest("Malformed JSON: " + unsafe, List.of(FieldError.body("", unsafe)));
    }
    T value;
    try {
      value = Json.decode(readObject, bytes, length);
    } catch (IOException | RuntimeException e) {
      throw diagnose(readObject, bytes, length, e);
    }
    if (value == null) {
      throw ProblemException.unprocessable(List.of(FieldError.body("", "must be a JSON object, not null")));
    }
    return value;
  }

  private static ProblemException diagnose(JsonReader.ReadObject<?> readObject, byte[] bytes, int length,
      Exception original) {
    Object tree;
    try {
      tree = Json.decode(ObjectConverter::deserializeObject, bytes, length);
    } catch (IOException | RuntimeException syntax) {
      String detail = "Malformed JSON: " + message(syntax);
      return ProblemException.badRequest(detail, List.of(FieldError.body("", message(syntax))));
    }
    List<FieldError> errors = new ArrayList<>();
    if (tree instanceof Map) {
      for (Map.Entry<?, ?> field : ((Map<?, ?>) tree).entrySet()) {
        String problem = tryField(readObject, String.valueOf(field.getKey()), field.getValue());
        if (problem != null) {
          errors.add(FieldError.body(pointer(String.valueOf(field.getKey())), problem));
        }
      }
    } else if (tree != null) {
      errors.add(FieldError.body("", "must be a JSON object"));
    }
    if (errors.isEmpty()) {
      String missing = mandatoryMember(message(original));
      errors.add(missing != null ? FieldError.body(pointer(missing), "is required")
          : FieldError.body("", message(original)));
    }
    return ProblemException.unprocessable(errors);
  }

  /** The error for a body holding an unpaired surrogate escape, at its top-level member when there is one. */
  private static FieldError loneSurrogate(byte[] bytes, int length) {
    String problem = "contains an unpaired UTF-16 surrogate escape, which is not text";
    try {
      Object tree = Json.decode(ObjectConverter::deserializeObject, bytes, length);
      if (tree instanceof Map) {
        for (Map.Entry<?, ?> field : ((Map<?, ?>) tree).entrySet()) {
          if (JsonScan.hasLoneSurrogate(field.getKey()) || JsonScan.hasLoneSurrogate(field.getValue())) {
            return FieldError.body(pointer(String.valueOf(field.getKey())), problem);
          }
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // fall through: the whole body
    }
    return FieldError.body("", problem);
  }

  /** Decodes an object holding only this field; returns what is wrong with it, or null. */
  private static String tryField(JsonReader.ReadObject<?> readObject, String name, Object value) {
    Map<String, Object> single = new LinkedHashMap<>(2);
    single.put(name, value);
    byte[] json = Json.toBytes(single);
    try {
      JsonReader<Object> r = DIAGNOSIS.newReader(json, json.length);
      r.getNextToken();
      readObject.read(r);
      return null;
    } catch (IOException | RuntimeException e) {
      String m = message(e);
      if (mandatoryMember(m) != null) {
        return null; // the single-member object lacks the others
      }
      return m.startsWith("Unknown property") ? "is not a known member" : "has the wrong type: " + m;
    }
  }

  /**
   * The member named by DSL-JSON's missing-member errors ("Property 'name' is mandatory but was not
   * found in JSON", or "Mandatory property (name) not found"), or null for any other message.
   */
  private static String mandatoryMember(String message) {
    if (message.startsWith("Property '") && message.contains("' is mandatory")) {
      return message.substring("Property '".length(), message.indexOf("' is mandatory"));
    }
    if (message.startsWith("Mandatory propert")) {
      int open = message.indexOf('(');
      int close = message.indexOf(')', open + 1);
      return open < 0 || close < 0 ? null : message.substring(open + 1, close);
    }
    return null;
  }

  /** The JSON pointer (RFC 6901) of a top-level member. */
  public static String pointer(String member) {
    return "/" + member.replace("~", "~0").replace("/", "~1");
  }

  private static String message(Exception e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return "invalid JSON";
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
