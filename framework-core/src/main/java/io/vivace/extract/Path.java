package io.vivace.extract;

import java.util.UUID;
import java.util.function.Function;

/**
 * Extractors of path parameters (`/users/:id`). Each returns a {@link Param}: required unless given a default
 * (`orElse`) or made optional, and a 400 problem naming the parameter when missing or malformed.
 */
public final class Path {
  private Path() {
  }

  /** The raw text of {@code name}. */
  public static Param<String> string(String name) {
    return new Param<>(Param.In.PATH, name, Function.identity(), "text");
  }

  /** {@code name} as a 32-bit integer. */
  public static Param<Integer> intValue(String name) {
    return new Param<>(Param.In.PATH, name, Parsers::integer, "an integer", Integer.class);
  }

  /** {@code name} as a 64-bit integer. */
  public static Param<Long> longValue(String name) {
    return new Param<>(Param.In.PATH, name, Parsers::longValue, "an integer", Long.class);
  }

  /** {@code name} as a finite double. */
  public static Param<Double> doubleValue(String name) {
    return new Param<>(Param.In.PATH, name, Parsers::doubleValue, "a number", Double.class);
  }

  /** {@code name} as a boolean: {@code true}, {@code false}, {@code 1} or {@code 0}. */
  public static Param<Boolean> bool(String name) {
    return new Param<>(Param.In.PATH, name, Parsers::bool, "true or false", Boolean.class);
  }

  /** {@code name} as a UUID in its 36-character form. */
  public static Param<UUID> uuid(String name) {
    return new Param<>(Param.In.PATH, name, Parsers::uuid, "a UUID", java.util.UUID.class);
  }

  /**
   * {@code name} through a parser of your own: it throws any {@link RuntimeException} on bad
   * text, and the 400 says the value {@code must be <expected>}.
   */
  public static <T> Param<T> of(String name, Function<String, T> parser, String expected) {
    return new Param<>(Param.In.PATH, name, parser, expected);
  }
}
