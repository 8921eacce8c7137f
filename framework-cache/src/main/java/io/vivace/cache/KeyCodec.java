package io.vivace.cache;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns keys into the text that names them in Redis and in invalidation messages, and back (an
 * instance receiving "drop key 42" must find 42 in its L1). Needed only by caches with an L2
 * tier. {@code decode(encode(k))} must equal {@code k}. Implementations must be thread-safe.
 *
 * @param <K> key type
 */
public interface KeyCodec<K> {
  /** Integers as decimal text. */
  KeyCodec<Integer> INTEGER = of(String::valueOf, Integer::valueOf);
  /** Longs as decimal text. */
  KeyCodec<Long> LONG = of(String::valueOf, Long::valueOf);
  /** Strings as they are. */
  KeyCodec<String> STRING = of(s -> s, s -> s);
  /** UUIDs in their canonical form. */
  KeyCodec<UUID> UUIDS = of(UUID::toString, UUID::fromString);

  /** The text of {@code key}; must not be null. */
  String encode(K key);

  /** The key of {@code text} (the inverse of {@link #encode}). */
  K decode(String text);

  /** A key codec of two functions, each the inverse of the other. */
  static <K> KeyCodec<K> of(Function<? super K, String> encode, Function<String, ? extends K> decode) {
    Objects.requireNonNull(encode, "encode");
    Objects.requireNonNull(decode, "decode");
    return new KeyCodec<>() {
      @Override
      public String encode(K key) {
        return encode.apply(key);
      }

      @Override
      public K decode(String text) {
        return decode.apply(text);
      }
    };
  }
}
