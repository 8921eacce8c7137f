package io.vivace.cache;

import io.vivace.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns values into the bytes stored in Redis and back. {@link #json(Class)} uses the same
 * compile-time DSL-JSON converters as HTTP bodies. An encoding must never be empty: an empty value
 * in Redis marks a cached "not found". Implementations must be thread-safe.
 *
 * @param <V> value type
 */
public interface Codec<V> {

  /** The bytes of {@code value} (never null, never empty). */
  byte[] encode(V value);

  /**
   * The value of {@code bytes}.
   *
   * @throws RuntimeException when the bytes are not a value of this codec (the entry is then
   *     treated as a miss and overwritten)
   */
  V decode(byte[] bytes);

  /**
   * JSON through the converter the DSL-JSON annotation processor generated for {@code type}.
   *
   * @throws IllegalArgumentException at once when {@code type} has no converter
   */
  static <V> Codec<V> json(Class<V> type) {
    var reader = Json.readerFor(type);
    Json.writerFor(type);
    return new Codec<>() {
      @Override
      public byte[] encode(V value) {
        return Json.toBytes(value);
      }

      @Override
      public V decode(byte[] bytes) {
        try {
          return Json.decode(reader, bytes, bytes.length);
        } catch (IOException e) {
          throw new UncheckedIOException("Not a " + type.getSimpleName() + " in JSON", e);
        }
      }
    };
  }
}
