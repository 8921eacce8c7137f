package io.vivace.openapi;

import java.util.List;
import java.util.Objects;

/**
 * One request parameter as an OpenAPI 3.1 Parameter Object describes it: where it is
 * ({@code path}, {@code query}, {@code header}, {@code cookie}), its name, its value type, whether it
 * is required, its default and bounds. Built once when routes are declared or the document is made.
 *
 * @param in          {@code path}, {@code query}, {@code header} or {@code cookie}; never null
 * @param name        the parameter's name; never null
 * @param type        the value type ({@code String}, {@code Integer}, {@code Long}, {@code Double},
 *                    {@code Boolean}, {@code UUID}, an enum...); never null
 * @param required    whether a request without it is a 400
 * @param defaultValue the value used when absent, or null for none
 * @param minimum     the smallest allowed value (inclusive), or null for no bound
 * @param maximum     the largest allowed value (inclusive), or null for no bound
 * @param allowed     the allowed values of a list parameter (a comma-separated enum), empty for any
 * @param description what the value must be, in words ("a date like 2026-01-31"), or null
 */
public record ParamDoc(String in, String name, Class<?> type, boolean required, Object defaultValue,
    Long minimum, Long maximum, List<String> allowed, String description) {

  public ParamDoc {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    allowed = allowed == null ? List.of() : List.copyOf(allowed);
  }

  /** A query parameter of {@code type}, optional, with no default or bounds. */
  public static ParamDoc query(String name, Class<?> type, String description) {
    return new ParamDoc("query", name, type, false, null, null, null, List.of(), description);
  }

  /** This parameter with its default value (and no longer required). */
  public ParamDoc withDefault(Object value) {
    return new ParamDoc(in, name, type, false, value, minimum, maximum, allowed, description);
  }

  /** This parameter with inclusive bounds (null for none). */
  public ParamDoc withBounds(Long min, Long max) {
    return new ParamDoc(in, name, type, required, defaultValue, min, max, allowed, description);
  }

  /** This parameter, required or not. */
  public ParamDoc withRequired(boolean required) {
    return new ParamDoc(in, name, type, required, defaultValue, minimum, maximum, allowed, description);
  }
}
