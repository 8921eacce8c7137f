package io.vivace.auth;

import io.vivace.config.Setting;
import java.util.List;

/**
 * The declarations of the password settings: the Argon2id cost (RFC 9106) and the length policy,
 * each {@code DEFAULT_*} and its one {@link Setting}. {@link AuthOptions} and
 * {@link PasswordOptions} implement this interface, so {@code AuthOptions.DEFAULT_PASSWORD_MIN} and
 * {@code AuthOptions.PASSWORD_MIN} name the same constants; it is sealed, nothing else implements it.
 */
public sealed interface PasswordSettings permits AuthOptions, PasswordOptions {
  /** Argon2id memory: {@value} KiB (19 MiB, the OWASP minimum). Environment {@code ARGON2_MEMORY_KIB}. */
  int DEFAULT_ARGON2_MEMORY_KIB = 19_456;
  /** Argon2id passes: {@value}. Environment {@code ARGON2_ITERATIONS}. */
  int DEFAULT_ARGON2_ITERATIONS = 2;
  /** Argon2id lanes: {@value}. Environment {@code ARGON2_PARALLELISM}. */
  int DEFAULT_ARGON2_PARALLELISM = 1;
  /** Shortest password accepted at signup: {@value} characters. Environment {@code AUTH_PASSWORD_MIN}. */
  int DEFAULT_PASSWORD_MIN = 12;
  /** Longest password accepted: {@value} characters. Environment {@code AUTH_PASSWORD_MAX}. */
  int DEFAULT_PASSWORD_MAX = 128;
  /** The highest {@link AuthOptions#passwordMax()} allowed, {@value} characters: a bound on what a login makes the server hash. */
  int MAX_PASSWORD_MAX = 1024;

  /** {@code ARGON2_MEMORY_KIB}. */
  Setting<Integer> ARGON2_MEMORY_KIB = Setting.integer("ARGON2_MEMORY_KIB", "argon2 memoryKib",
      DEFAULT_ARGON2_MEMORY_KIB, 8, 4 << 20, "Argon2id memory, KiB (at least 8 per lane)");
  /** {@code ARGON2_ITERATIONS}. */
  Setting<Integer> ARGON2_ITERATIONS = Setting.integer("ARGON2_ITERATIONS", "argon2 iterations",
      DEFAULT_ARGON2_ITERATIONS, 1, 100, "Argon2id passes");
  /** {@code ARGON2_PARALLELISM}. */
  Setting<Integer> ARGON2_PARALLELISM = Setting.integer("ARGON2_PARALLELISM", "argon2 parallelism",
      DEFAULT_ARGON2_PARALLELISM, 1, 64, "Argon2id lanes");
  /** {@code AUTH_PASSWORD_MIN}. */
  Setting<Integer> PASSWORD_MIN = Setting.integer("AUTH_PASSWORD_MIN", "passwordLength min",
      DEFAULT_PASSWORD_MIN, 8, MAX_PASSWORD_MAX, "shortest password accepted at signup, characters");
  /** {@code AUTH_PASSWORD_MAX}. */
  Setting<Integer> PASSWORD_MAX = Setting.integer("AUTH_PASSWORD_MAX", "passwordLength max",
      DEFAULT_PASSWORD_MAX, 8, MAX_PASSWORD_MAX, "longest password accepted, characters");

  /** The password settings, in the order docs/configuration.md lists them. */
  List<Setting<?>> PASSWORD_SETTINGS = List.of(ARGON2_MEMORY_KIB, ARGON2_ITERATIONS, ARGON2_PARALLELISM,
      PASSWORD_MIN, PASSWORD_MAX);
}
