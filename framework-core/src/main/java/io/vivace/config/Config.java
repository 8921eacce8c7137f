package io.vivace.config;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The one reader of settings: system properties and environment variables, for every
 * {@link Setting} of every module ({@link Setting#read}). A setting has an environment
 * name ({@code VIVACE_MAX_BODY_SIZE}) and a system-property name ({@code vivace.max-body-size}); the
 * system property wins when both are set. Blank values count as unset.
 *
 * <p>Every typed getter validates and throws {@link ConfigException} with a one-line message naming
 * the setting on a bad value. Instances are immutable and thread-safe.
 */
public final class Config {
  private final Map<String, String> env;
  private final Properties props;

  /** A reader over the given environment and properties (tests pass their own). */
  public Config(Map<String, String> env, Properties props) {
    this.env = Objects.requireNonNull(env, "env");
    this.props = Objects.requireNonNull(props, "props");
  }

  /** A reader over {@link System#getenv()} and {@link System#getProperties()}. */
  public static Config system() {
    return new Config(System.getenv(), System.getProperties());
  }

  /**
   * The system-property name for an environment name: {@code VIVACE_MAX_BODY_SIZE} becomes
   * {@code vivace.max-body-size}, {@code PORT} becomes {@code vivace.port}.
   */
  public static String propertyName(String envName) {
    String lower = envName.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("vivace_")) {
      lower = lower.substring("vivace_".length());
    }
    return "vivace." + lower.replace('_', '-');
  }

  /** The raw value, or {@code null} when unset or blank. */
  public String raw(String envName) {
    String v = props.getProperty(propertyName(envName));
    if (v == null || v.isBlank()) {
      v = env.get(envName);
    }
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** The string value, or {@code defaultValue} when unset. */
  public String string(String envName, String defaultValue) {
    String v = raw(envName);
    return v == null ? defaultValue : v;
  }

  /**
   * An integer in {@code [min, max]}, or {@code defaultValue} when unset (an ad-hoc
   * {@link Setting}; options declare theirs once as constants).
   *
   * @throws ConfigException when the value is not an integer or is out of range
   */
  public int integer(String envName, int defaultValue, int min, int max) {
    return Setting.integer(envName, envName, defaultValue, min, max, envName).read(this);
  }

  /**
   * A long in {@code [min, max]}, or {@code defaultValue} when unset.
   *
   * @throws ConfigException when the value is not an integer or is out of range
   */
  public long longValue(String envName, long defaultValue, long min, long max) {
    return Setting.longValue(envName, envName, defaultValue, min, max, envName).read(this);
  }

  /**
   * A boolean ({@code true/false}, {@code yes/no}, {@code on/off}, {@code 1/0}), or
   * {@code defaultValue} when unset.
   *
   * @throws ConfigException on any other value
   */
  public boolean bool(String envName, boolean defaultValue) {
    return Setting.bool(envName, envName, defaultValue, envName).read(this);
  }

  /** A {@link ConfigException} for a bad value of a setting. */
  public ConfigException invalid(String envName, String expected, String got) {
    return new ConfigException(envName + " (system property " + propertyName(envName) + "): expected "
        + expected + ", got \"" + got + "\"");
  }
}
