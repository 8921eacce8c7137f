package io.vivace.config;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one declaration of a setting: its environment variable (and so its system property, see
 * {@link Config#propertyName}), the option it sets in code, its default, the values it accepts and
 * a one-line doc. {@link #read(Config)} reads it at start and {@link #check(Object)} guards the
 * option's setter, so the bounds live here only. docs/configuration.md lists every declaration.
 *
 * <p>Errors: {@link #read} throws {@link ConfigException} naming the variable and its system
 * property; {@link #check} throws {@link IllegalArgumentException} naming the option and the
 * variable. Both show the bad value, masked when the setting is {@link #secret()} (a URL keeps all
 * but its password). Immutable and thread-safe.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {
  private final String env;
  private final String option;
  private final T defaultValue;
  private final String defaultText;
  private final String expected;
  private final Function<String, T> parser;
  private final Predicate<T> valid;
  private final String doc;
  private final boolean secret;

  private Setting(String env, String option, T defaultValue, String defaultText, String expected,
      Function<String, T> parser, Predicate<T> valid, String doc, boolean secret) {
    this.env = Objects.requireNonNull(env, "env");
    this.option = Objects.requireNonNull(option, "option");
    this.defaultValue = defaultValue;
    this.defaultText = defaultText;
    this.expected = Objects.requireNonNull(expected, "expected");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.valid = Objects.requireNonNull(valid, "valid");
    this.doc = Objects.requireNonNull(doc, "doc");
    this.secret = secret;
  }

  /**
   * A setting of any type.
   *
   * @param env environment variable, e.g. {@code VIVACE_DB_POOL_SIZE}
   * @param option the option's name in code, e.g. {@code poolSize}
   * @param defaultValue the value when unset; may be null (then the setting is optional)
   * @param expected what a good value looks like, for messages ("an integer between 1 and 1000")
   * @param parser text to value; an {@link IllegalArgumentException} means a bad value
   * @param valid whether a (parsed or given) value is acceptable
   * @param doc one line for docs/configuration.md
   */
  public static <T> Setting<T> of(String env, String option, T defaultValue, String expected,
      Function<String, T> parser, Predicate<T> valid, String doc) {
    return new Setting<>(env, option, defaultValue, defaultValue == null ? "none" : String.valueOf(defaultValue), expected,
        parser, valid, doc, false);
  }

  /** An integer in {@code [min, max]}. */
  public static Setting<Integer> integer(String env, String option, int defaultValue, int min, int max, String doc) {
    return of(env, option, defaultValue, "an integer between " + min + " and " + max,
        raw -> Math.toIntExact(Long.parseLong(raw)), v -> v != null && v >= min && v <= max, doc);
  }

  /** A long in {@code [min, max]}. */
  public static Setting<Long> longValue(String env, String option, long defaultValue, long min, long max, String doc) {
    return of(env, option, defaultValue, "an integer between " + min + " and " + max,
        Long::parseLong, v -> v != null && v >= min && v <= max, doc);
  }

  /** A boolean: {@code true/false}, {@code yes/no}, {@code on/off}, {@code 1/0}. */
  public static Setting<Boolean> bool(String env, String option, boolean defaultValue, String doc) {
    return of(env, option, defaultValue, "true or false", Setting::parseBool, Objects::nonNull, doc);
  }

  /** A text that is not blank ({@code defaultValue} null: optional). */
  public static Setting<String> string(String env, String option, String defaultValue, String doc) {
    return of(env, option, defaultValue, "a non-blank text", raw -> raw, v -> v != null && !v.isBlank(), doc);
  }

  /**
   * A comma-separated list of texts, each trimmed (empty items dropped), each accepted by
   * {@code validItem}. The default shows in docs as its items joined by commas, or {@code none}
   * when empty. The value is an unmodifiable list.
   *
   * @param expected what a good item looks like, for messages ("origins such as https://app.example.com")
   */
  public static Setting<java.util.List<String>> list(String env, String option, java.util.List<String> defaultValue,
      String expected, Predicate<String> validItem, String doc) {
    return new Setting<>(env, option, java.util.List.copyOf(defaultValue),
        defaultValue.isEmpty() ? "none" : String.join(",", defaultValue), "a comma-separated list of " + expected,
        Setting::splitList, v -> v != null && v.stream().allMatch(validItem), doc, false);
  }

  private static java.util.List<String> splitList(String raw) {
    java.util.List<String> items = new java.util.ArrayList<>();
    for (String item : raw.split(",")) {
      String t = item.trim();
      if (!t.isEmpty()) {
        items.add(t);
      }
    }
    return java.util.List.copyOf(items);
  }

  /** This setting with the default shown as {@code text} in docs (for a computed default). */
  public Setting<T> defaultShownAs(String text) {
    return new Setting<>(env, option, defaultValue, text, expected, parser, valid, doc, secret);
  }

  /** This setting as a secret: its values never appear in messages. */
  public Setting<T> secret() {
    return new Setting<>(env, option, defaultValue, defaultText, expected, parser, valid, doc, true);
  }

  /**
   * The value through {@code config}: the default when unset or blank, else the parsed value.
   *
   * @throws ConfigException naming the variable when the value does not parse or is out of bounds
   */
  public T read(Config config) {
    String raw = config.raw(env);
    if (raw == null) {
      return defaultValue;
    }
    T value;
    try {
      value = parser.apply(raw);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw config.invalid(env, expected, show(raw));
    }
    if (!valid.test(value)) {
      throw config.invalid(env, expected, show(raw));
    }
    return value;
  }

  /**
   * {@code value} when acceptable, for the option's setter.
   *
   * @throws IllegalArgumentException naming the option and the variable, showing the value
   */
  public T check(T value) {
    if (!valid.test(value)) {
      throw new IllegalArgumentException(option + " (" + env + ") must be " + expected + ", got "
          + (value == null ? "null" : "'" + show(String.valueOf(value)) + "'"));
    }
    return value;
  }

  /** The environment variable. */
  public String env() { return env; }

  /** The system property ({@link Config#propertyName}). */
  public String property() { return Config.propertyName(env); }

  /** The option's name in code. */
  public String option() { return option; }

  /** The default, or null when unset means "none". */
  public T defaultValue() { return defaultValue; }

  /** The default as docs show it ({@code none} for a null default unless {@link #defaultShownAs} says otherwise). */
  public String defaultText() { return defaultText; }

  /** What a good value looks like. */
  public String expected() { return expected; }

  /** One line of documentation. */
  public String doc() { return doc; }

  /** Whether values are kept out of messages. */
  public boolean isSecret() { return secret; }

  /** {@code raw} as messages may show it: masked when secret (a URL keeps everything but its password). */
  String show(String raw) {
    if (!secret) {
      return Secrets.maskUrl(raw);
    }
    return raw.contains("://") ? Secrets.maskUrl(raw) : Secrets.MASK;
  }

  private static Boolean parseBool(String v) {
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true": case "yes": case "on": case "1":
        return true;
      case "false": case "no": case "off": case "0":
        return false;
      default:
        throw new IllegalArgumentException(v);
    }
  }

  @Override
  public String toString() {
    return env;
  }
}
