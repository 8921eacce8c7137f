package io.vivace.openapi.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vivace.pagination.CursorPage;
import io.vivace.pagination.Page;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * JSON Schemas (OpenAPI 3.1, JSON Schema 2020-12) of Java types, records and enums shared under
 * {@code components/schemas} and referenced by {@code $ref}. Reads record components by reflection,
 * once, while the document is built at start-up. Not thread-safe: one per document.
 */
final class Schemas {
  private static final String REF = "#/components/schemas/";

  private final Map<String, JsonObject> components = new LinkedHashMap<>();
  private final Map<Class<?>, String> names = new LinkedHashMap<>();

  /** The shared schemas, by name. */
  Map<String, JsonObject> components() {
    return components;
  }

  /** The schema of {@code type}: inline for scalars, a {@code $ref} for records and enums. */
  JsonObject of(Type type) {
    return of(type, Map.of());
  }

  /** The schema of {@code container<item>}: a page envelope, a list, an optional. */
  JsonObject of(Class<?> container, Class<?> item) {
    if (container == Page.class) {
      return ref(envelope(item, false));
    }
    if (container == CursorPage.class) {
      return ref(envelope(item, true));
    }
    if (Collection.class.isAssignableFrom(container)) {
      return new JsonObject().put("type", "array").put("items", of(item));
    }
    if (container == Optional.class) {
      return of(item);
    }
    if (Map.class.isAssignableFrom(container)) {
      return new JsonObject().put("type", "object").put("additionalProperties", of(item));
    }
    return of(container);
  }

  private JsonObject of(Type type, Map<String, Type> bound) {
    if (type instanceof TypeVariable<?> v) {
      Type b = bound.get(v.getName());
      return b == null ? new JsonObject() : of(b, Map.of());
    }
    if (type instanceof WildcardType w) {
      return of(w.getUpperBounds()[0], bound);
    }
    if (type instanceof GenericArrayType g) {
      return new JsonObject().put("type", "array").put("items", of(g.getGenericComponentType(), bound));
    }
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw)) {
        return new JsonObject().put("type", "array").put("items", of(args[0], bound));
      }
      if (raw == Optional.class) {
        return of(args[0], bound);
      }
      if (Map.class.isAssignableFrom(raw)) {
        return new JsonObject().put("type", "object").put("additionalProperties", of(args[1], bound));
      }
      if ((raw == Page.class || raw == CursorPage.class) && args[0] instanceof Class<?> item) {
        return ref(envelope(item, raw == CursorPage.class));
      }
      return of(raw, bound);
    }
    Class<?> c = (Class<?>) type;
    JsonObject scalar = scalar(c);
    if (scalar != null) {
      return scalar;
    }
    if (c.isArray()) {
      return new JsonObject().put("type", "array").put("items", of(c.getComponentType(), bound));
    }
    if (c.isEnum()) {
      return ref(enumSchema(c));
    }
    if (c.isRecord()) {
      return ref(record(c));
    }
    if (Collection.class.isAssignableFrom(c)) {
      return new JsonObject().put("type", "array");
    }
    if (Map.class.isAssignableFrom(c)) {
      return new JsonObject().put("type", "object");
    }
    return new JsonObject().put("type", "object");
  }

  /** The schema of a scalar type, or null when {@code c} is not one. */
  static JsonObject scalar(Class<?> c) {
    if (c == String.class || c == char.class || c == Character.class || CharSequence.class.isAssignableFrom(c)) {
      return type("string");
    }
    if (c == int.class || c == Integer.class || c == short.class || c == Short.class || c == byte.class || c == Byte.class) {
      return type("integer").put("format", "int32");
    }
    if (c == long.class || c == Long.class) {
      return type("integer").put("format", "int64");
    }
    if (c == java.math.BigInteger.class) {
      return type("integer");
    }
    if (c == double.class || c == Double.class) {
      return type("number").put("format", "double");
    }
    if (c == float.class || c == Float.class) {
      return type("number").put("format", "float");
    }
    if (c == java.math.BigDecimal.class || c == Number.class) {
      return type("number");
    }
    if (c == boolean.class || c == Boolean.class) {
      return type("boolean");
    }
    if (c == java.util.UUID.class) {
      return type("string").put("format", "uuid");
    }
    if (c == java.time.LocalDate.class) {
      return type("string").put("format", "date");
    }
    if (c == java.time.LocalTime.class || c == java.time.OffsetTime.class) {
      return type("string").put("format", "time");
    }
    if (c == java.time.OffsetDateTime.class || c == java.time.Instant.class || c == java.time.ZonedDateTime.class
        || c == java.time.LocalDateTime.class || c == java.util.Date.class) {
      return type("string").put("format", "date-time");
    }
    if (c == java.time.Duration.class) {
      return type("string").put("format", "duration");
    }
    if (c == java.net.URI.class || c == java.net.URL.class) {
      return type("string").put("format", "uri");
    }
    if (c == byte[].class) {
      return type("string").put("contentEncoding", "base64");
    }
    return null;
  }

  private static JsonObject type(String t) {
    return new JsonObject().put("type", t);
  }

  /** {@code schema} that also allows {@code null} (JSON Schema 2020-12: a type array, or anyOf for a $ref). */
  static JsonObject nullable(JsonObject schema) {
    Object t = schema.getValue("type");
    if (t instanceof String s) {
      return schema.copy().put("type", new JsonArray().add(s).add("null"));
    }
    if (schema.containsKey("$ref")) {
      return new JsonObject().put("anyOf", new JsonArray().add(schema).add(type("null")));
    }
    return schema;
  }

  private static JsonObject ref(String name) {
    return new JsonObject().put("$ref", REF + name);
  }

  private String name(Class<?> c) {
    String known = names.get(c);
    if (known != null) {
      return known;
    }
    String n = c.getSimpleName();
    if (names.containsValue(n) || n.isEmpty()) {
      n = c.getName().replace('$', '.');
    }
    names.put(c, n);
    return n;
  }

  private String enumSchema(Class<?> c) {
    String n = name(c);
    if (!components.containsKey(n)) {
      JsonArray values = new JsonArray();
      for (Object constant : c.getEnumConstants()) {
        values.add(((Enum<?>) constant).name());
      }
      components.put(n, type("string").put("enum", values));
    }
    return n;
  }

  private String record(Class<?> c) {
    String n = name(c);
    if (components.containsKey(n)) {
      return n;
    }
    JsonObject schema = type("object");
    components.put(n, schema); // before the components: a record may refer to itself
    JsonObject props = new JsonObject();
    JsonArray required = new JsonArray();
    RecordComponent[] rcs = c.getRecordComponents();
    String[] jsonNames = jsonNames(c, rcs);
    for (int i = 0; i < rcs.length; i++) {
      RecordComponent rc = rcs[i];
      String prop = jsonNames[i];
      Class<?> t = rc.getType();
      JsonObject s = of(rc.getGenericType(), Map.of());
      if (t.isPrimitive()) {
        required.add(prop);
      } else {
        s = nullable(s);
      }
      props.put(prop, s);
    }
    io.vivace.extract.Rules<?> rules = io.vivace.extract.Rules.declaredFor(c);
    if (rules != null) {
      Constraints.apply(rules.rules(), props, required);
    }
    schema.put("properties", props);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    return n;
  }

  /**
   * The member names DSL-JSON writes for the components of {@code c}, in component order.
   * {@code @JsonAttribute(name = ...)} is not visible at run time (class retention), so an instance
   * made of default values (0, false, null) is encoded once and its member names read back; when
   * that cannot be done (a constructor refusing nulls, members left out) the component names.
   */
  private static String[] jsonNames(Class<?> c, RecordComponent[] rcs) {
    String[] names = new String[rcs.length];
    for (int i = 0; i < rcs.length; i++) {
      names[i] = rcs[i].getName();
    }
    try {
      Class<?>[] types = new Class<?>[rcs.length];
      Object[] args = new Object[rcs.length];
      for (int i = 0; i < rcs.length; i++) {
        types[i] = rcs[i].getType();
        args[i] = defaultOf(types[i]);
      }
      java.lang.reflect.Constructor<?> ctor = c.getDeclaredConstructor(types);
      Object sample = ctor.newInstance(args);
      JsonObject written = new JsonObject(io.vivace.json.Json.encode(sample));
      if (written.size() == rcs.length) {
        int i = 0;
        for (String key : written.fieldNames()) {
          names[i++] = key;
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // keep the component names
    }
    return names;
  }

  private static Object defaultOf(Class<?> t) {
    if (!t.isPrimitive()) {
      return null;
    }
    if (t == boolean.class) {
      return false;
    }
    if (t == char.class) {
      return '\0';
    }
    if (t == long.class) {
      return 0L;
    }
    if (t == double.class) {
      return 0d;
    }
    if (t == float.class) {
      return 0f;
    }
    if (t == byte.class) {
      return (byte) 0;
    }
    if (t == short.class) {
      return (short) 0;
    }
    return 0;
  }

  /** {@code Page<item>} ({@code items}, {@code page}, {@code per_page}, {@code total}, {@code total_pages}) or {@code CursorPage<item>}. */
  private String envelope(Class<?> item, boolean cursor) {
    String n = name(item) + (cursor ? "CursorPage" : "Page");
    if (components.containsKey(n)) {
      return n;
    }
    JsonObject props = new JsonObject().put("items", new JsonObject().put("type", "array").put("items", of(item)));
    JsonArray required = new JsonArray().add("items");
    if (cursor) {
      props.put("limit", type("integer").put("format", "int32").put("minimum", 1))
          .put("next_cursor", nullable(type("string").put("description",
              "the cursor of the next page (also in the Link header, rel=\"next\"); null on the last page")));
      required.add("limit").add("next_cursor");
    } else {
      props.put("page", type("integer").put("format", "int32").put("minimum", 1))
          .put("per_page", type("integer").put("format", "int32").put("minimum", 1))
          .put("total", type("integer").put("format", "int64").put("minimum", 0)
              .put("description", "items in all pages; absent when not counted"))
          .put("total_pages", type("integer").put("format", "int64").put("minimum", 0));
      required.add("page").add("per_page");
    }
    components.put(n, type("object").put("properties", props).put("required", required));
    return n;
  }
}
