package io.vivace.auth;

import io.vivace.config.Config;
import io.vivace.config.ConfigException;

/**
 * How passwords are hashed and which lengths are accepted: the Argon2id cost (RFC 9106: memory,
 * passes, lanes) and the length policy in characters. Each value has a {@code DEFAULT_*} and one
 * {@link io.vivace.config.Setting} in {@link PasswordSettings}; the setters check through them
 * ({@link IllegalArgumentException} naming the setting). Part of {@link AuthOptions}
 * ({@link AuthOptions#password()}). Not thread-safe while being set.
 */
public final class PasswordOptions implements PasswordSettings {
  private int argon2MemoryKib = DEFAULT_ARGON2_MEMORY_KIB;
  private int argon2Iterations = DEFAULT_ARGON2_ITERATIONS;
  private int argon2Parallelism = DEFAULT_ARGON2_PARALLELISM;
  private int passwordMin = DEFAULT_PASSWORD_MIN;
  private int passwordMax = DEFAULT_PASSWORD_MAX;

  /** Options with every value at its {@code DEFAULT_*}. */
  public PasswordOptions() {
  }

  /**
   * Options from {@code config}: the {@code ARGON2_*}, {@code AUTH_PASSWORD_MIN} and
   * {@code AUTH_PASSWORD_MAX} settings, validated.
   *
   * @throws ConfigException naming the setting on a bad value or combination
   */
  public static PasswordOptions fromEnvironment(Config config) {
    PasswordOptions o = new PasswordOptions();
    o.argon2MemoryKib = ARGON2_MEMORY_KIB.read(config);
    o.argon2Iterations = ARGON2_ITERATIONS.read(config);
    o.argon2Parallelism = ARGON2_PARALLELISM.read(config);
    o.passwordMin = PASSWORD_MIN.read(config);
    o.passwordMax = PASSWORD_MAX.read(config);
    return o.validate();
  }

  /**
   * Checks the combinations: at least 8 KiB of memory per lane, the shortest length not above the
   * longest.
   *
   * @return this
   * @throws ConfigException naming the settings
   */
  public PasswordOptions validate() {
    if (argon2MemoryKib < 8 * argon2Parallelism) {
      throw new ConfigException("ARGON2_MEMORY_KIB (" + argon2MemoryKib + ") must be at least 8 KiB per lane of ARGON2_PARALLELISM ("
          + argon2Parallelism + ")");
    }
    if (passwordMin > passwordMax) {
      throw new ConfigException("AUTH_PASSWORD_MIN (" + passwordMin + ") must not exceed AUTH_PASSWORD_MAX (" + passwordMax + ")");
    }
    return this;
  }

  /** Argon2id memory, KiB. */
  public int argon2MemoryKib() { return argon2MemoryKib; }

  /** Argon2id passes. */
  public int argon2Iterations() { return argon2Iterations; }

  /** Argon2id lanes. */
  public int argon2Parallelism() { return argon2Parallelism; }

  /** Sets the Argon2id cost: memory in KiB (at least 8 per lane), passes, lanes. */
  public PasswordOptions argon2(int memoryKib, int iterations, int parallelism) {
    ARGON2_PARALLELISM.check(parallelism);
    ARGON2_ITERATIONS.check(iterations);
    ARGON2_MEMORY_KIB.check(memoryKib);
    if (memoryKib < 8 * parallelism) {
      throw new IllegalArgumentException("argon2 memoryKib (ARGON2_MEMORY_KIB) must be at least 8 KiB per lane of parallelism "
          + parallelism + ", got " + memoryKib);
    }
    this.argon2MemoryKib = memoryKib;
    this.argon2Iterations = iterations;
    this.argon2Parallelism = parallelism;
    return this;
  }

  /** The shortest password accepted at signup, characters. */
  public int passwordMin() { return passwordMin; }

  /** The longest password accepted, characters. */
  public int passwordMax() { return passwordMax; }

  /** The password length policy, in characters: {@code min..max}. */
  public PasswordOptions passwordLength(int min, int max) {
    PASSWORD_MIN.check(min);
    PASSWORD_MAX.check(max);
    if (min > max) {
      throw new IllegalArgumentException("passwordLength min (AUTH_PASSWORD_MIN) must not exceed max (AUTH_PASSWORD_MAX), got "
          + min + ".." + max);
    }
    this.passwordMin = min;
    this.passwordMax = max;
    return this;
  }
}
