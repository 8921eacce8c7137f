package io.vivace.config;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Reads settings from system properties and environment variables. A setting has an environment
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
   * An integer in {@code [min, max]}, or {@code defaultValue} when unset.
   *
   * @throws ConfigException when the value is not an integer or is out of range
   */
  public int integer(String envName, int defaultValue, int min, int max) {
    long v = longValue(envName, defaultValue, min, max);
    return (int) v;
  }

  /**
   * A long in {@code [min, max]}, or {@code defaultValue} when unset.
   *
   * @throws ConfigException when the value is not an integer or is out of range
   */
  public long longValue(String envName, long defaultValue, long min, long max) {
    String v = raw(envName);
    if (v == null) {
      return defaultValue;
    }
    long parsed;
    try {
      parsed = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw invalid(envName, "an integer between " + min + " and " + max, v);
    }
    if (parsed < min || parsed > max) {
      throw invalid(envName, "an integer between " + min + " and " + max, v);
    }
    return parsed;
  }

  /**
   * A boolean ({@code true/false}, {@code yes/no}, {@code on/off}, {@code 1/0}), or
   * {@code defaultValue} when unset.
   *
   * @throws ConfigException on any other value
   */
  public boolean bool(String envName, boolean defaultValue) {
    String v = raw(envName);
    if (v == null) {
      return defaultValue;
    }
    switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "true": case "yes": case "on": case "1":
        return true;
      case "false": case "no": case "off": case "0":
        return false;
      default:
        throw invalid(envName, "true or false", v);
    }
  }

  /** A {@link ConfigException} for a bad value of a setting. */
  public ConfigException invalid(String envName, String expected, String got) {
    return new ConfigException(envName + " (system property " + propertyName(envName) + "): expected "
        + expected + ", got \"" + got + "\"");
  }
}
