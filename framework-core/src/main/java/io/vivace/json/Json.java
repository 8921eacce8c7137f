package io.vivace.json;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonObject;
import com.dslplatform.json.JsonReader;
import com.dslplatform.json.JsonWriter;
import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.buffer.Buffer;
import io.vivace.json.impl.Converters;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/**
 * JSON through DSL-JSON converters generated at compile time. Annotate a record or class with
 * {@code @com.dslplatform.json.CompiledJson} and the annotation processor writes its converter;
 * there is no reflection fallback, so a type without a converter fails with
 * {@link IllegalArgumentException} when it is first registered or first written.
 *
 * <p>Besides generated types this writes {@code null}, {@link String}, {@link Boolean}, numbers,
 * {@link JsonObject} implementations (such as {@code Page} or {@code Problem}), {@link Collection}s,
 * arrays of objects and {@code Map<String, ?>} whose values are any of these.
 *
 * <p>Thread-safety: every method may be called from any thread. Writers and readers are reused per
 * thread (per event loop), so {@link #encode} allocates only the result buffer.
 */
public final class Json {
  private static final byte[] EMPTY = new byte[0];

  /**
   * The most bytes a thread's reused writer keeps between calls: {@value}. A larger response grows
   * the writer; afterwards it is replaced by a fresh one, so one large response does not pin its
   * size on every event loop for the life of the process.
   */
  public static final int MAX_RETAINED_WRITER_BYTES = 64 * 1024;

  private static final FastThreadLocal<JsonWriter> WRITER = new FastThreadLocal<>() {
    @Override
    protected JsonWriter initialValue() {
      return Converters.dsl().newWriter(1024);
    }
  };

  private static final FastThreadLocal<JsonReader<Object>> READER = new FastThreadLocal<>() {
    @Override
    protected JsonReader<Object> initialValue() {
      return Converters.dsl().newReader(new byte[0]);
    }
  };

  private static final ClassValue<JsonWriter.WriteObject<Object>> WRITERS = new ClassValue<>() {
    @Override
    protected JsonWriter.WriteObject<Object> computeValue(Class<?> type) {
      return writerOf(type);
    }
  };

  private Json() {
  }

  /**
   * The shared DSL-JSON instance (converters found through the service loader). A host that reloads
   * the app in one JVM gives each version its own; resolve converters at start, not per request.
   */
  public static DslJson<Object> dsl() {
    return Converters.dsl();
  }

  /**
   * The compile-time writer of {@code type}.
   *
   * @throws IllegalArgumentException when DSL-JSON has no converter for it
   */
  public static <T> JsonWriter.WriteObject<T> writerFor(Class<T> type) {
    JsonWriter.WriteObject<T> w = Converters.dsl().tryFindWriter(type);
    if (w == null) {
      throw new IllegalArgumentException(missing(type));
    }
    return w;
  }

  /**
   * The compile-time reader of {@code type}.
   *
   * @throws IllegalArgumentException when DSL-JSON has no converter for it
   */
  public static <T> JsonReader.ReadObject<T> readerFor(Class<T> type) {
    JsonReader.ReadObject<T> r = Converters.dsl().tryFindReader(type);
    if (r == null) {
      throw new IllegalArgumentException(missing(type));
    }
    return r;
  }

  private static String missing(Class<?> type) {
    return "No JSON converter for " + type.getName() + ": annotate it with @com.dslplatform.json.CompiledJson"
        + " (converters are generated at compile time; Vivace never falls back to reflection)";
  }

  /**
   * Serializes {@code value} into a new buffer of exactly its size, reusing this thread's writer.
   *
   * @throws IllegalArgumentException when a type in the value has no converter
   */
  public static Buffer encode(Object value) {
    JsonWriter w = WRITER.get();
    w.reset();
    write(w, value);
    int size = w.size();
    Buffer out = Buffer.buffer(size).appendBytes(w.getByteBuffer(), 0, size);
    if (w.getByteBuffer().length > MAX_RETAINED_WRITER_BYTES) {
      WRITER.set(Converters.dsl().newWriter(1024));
    }
    return out;
  }

  /** The capacity in bytes of this thread's reused writer (for tests). */
  static int retainedWriterBytes() {
    return WRITER.get().getByteBuffer().length;
  }

  /** Serializes {@code value} to a UTF-8 byte array (for tests and tools; the server uses {@link #encode}). */
  public static byte[] toBytes(Object value) {
    JsonWriter w = Converters.dsl().newWriter(256);
    write(w, value);
    return w.toByteArray();
  }

  /**
   * Writes {@code value} to {@code w}: one {@code ClassValue} lookup of the writer for its class,
   * resolved on first use of the class (see {@link #writerOf}).
   *
   * @throws IllegalArgumentException when a type in the value has no converter
   */
  public static void write(JsonWriter w, Object value) {
    if (value == null) {
      w.writeNull();
    } else {
      WRITERS.get(value.getClass()).write(w, value);
    }
  }

  /** The writer for values of {@code type}: Vivace's for JSON objects, collections, maps and arrays, else DSL-JSON's. */
  @SuppressWarnings("unchecked")
  private static JsonWriter.WriteObject<Object> writerOf(Class<?> type) {
    if (JsonObject.class.isAssignableFrom(type)) {
      return (w, v) -> ((JsonObject) v).serialize(w, false);
    } else if (Collection.class.isAssignableFrom(type)) {
      return (w, v) -> writeCollection(w, (Collection<?>) v);
    } else if (Map.class.isAssignableFrom(type)) {
      return (w, v) -> writeMap(w, (Map<String, ?>) v);
    } else if (type.isArray() && !type.getComponentType().isPrimitive()) {
      return (w, v) -> writeCollection(w, java.util.Arrays.asList((Object[]) v));
    } else if (type == Boolean.class) {
      return (w, v) -> w.writeAscii((Boolean) v ? "true" : "false");
    }
    return (JsonWriter.WriteObject<Object>) writerFor(type);
  }

  private static void writeCollection(JsonWriter w, Collection<?> items) {
    w.writeByte(JsonWriter.ARRAY_START);
    if (items instanceof java.util.List && items instanceof java.util.RandomAccess) {
      java.util.List<?> list = (java.util.List<?>) items;
      Class<?> type = null;
      JsonWriter.WriteObject<Object> writer = null;
      for (int i = 0, n = list.size(); i < n; i++) {
        if (i > 0) {
          w.writeByte(JsonWriter.COMMA);
        }
        Object item = list.get(i);
        if (item == null) {
          w.writeNull();
        } else {
          if (item.getClass() != type) { // the elements of a list mostly share one class: one lookup
            type = item.getClass();
            writer = WRITERS.get(type);
          }
          writer.write(w, item);
        }
      }
    } else {
      boolean first = true;
      for (Object item : items) {
        if (!first) {
          w.writeByte(JsonWriter.COMMA);
        }
        first = false;
        write(w, item);
      }
    }
    w.writeByte(JsonWriter.ARRAY_END);
  }

  private static void writeMap(JsonWriter w, Map<String, ?> map) {
    w.writeByte(JsonWriter.OBJECT_START);
    boolean first = true;
    for (Map.Entry<String, ?> e : map.entrySet()) {
      if (!first) {
        w.writeByte(JsonWriter.COMMA);
      }
      first = false;
      w.writeString(String.valueOf(e.getKey()));
      w.writeByte(JsonWriter.SEMI);
      write(w, e.getValue());
    }
    w.writeByte(JsonWriter.OBJECT_END);
  }

  /**
   * Parses {@code bytes[0..length)} as one {@code type} value, reusing this thread's reader.
   *
   * @throws IOException ({@code com.dslplatform.json.ParsingException}) on malformed JSON, a wrong
   *     type, or anything but white space after the value
   * @throws IllegalArgumentException when {@code type} has no converter
   */
  public static <T> T decode(Class<T> type, byte[] bytes, int length) throws IOException {
    return decode(readerFor(type), bytes, length);
  }

  /** Like {@link #decode(Class, byte[], int)} with a reader resolved once by {@link #readerFor}. */
  public static <T> T decode(JsonReader.ReadObject<T> readObject, byte[] bytes, int length) throws IOException {
    JsonReader<Object> r = READER.get();
    try {
      r.process(bytes, length);
      r.getNextToken();
      T value = readObject.read(r);
      int i = r.getCurrentIndex();
      while (i < length) {
        byte b = bytes[i++];
        if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
          throw r.newParseErrorAt("Unexpected content after the JSON value", 0);
        }
      }
      return value;
    } finally {
      r.process(EMPTY, 0); // drop the reference to the request's bytes
    }
  }
}
