package io.vivace.extract;

import io.vivace.json.impl.JsonBodyDecoder;
import io.vivace.problem.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects field errors of a request body so a client learns about all of them at once. Field
 * names are top-level members ({@code "title"}); {@link #error} takes any JSON pointer for nested
 * ones. Not thread-safe: one instance per validation.
 */
public final class Validation {
  private final List<FieldError> errors = new ArrayList<>(4);

  /** No errors yet. */
  public Validation() {
  }

  /** Records that {@code field} is missing when {@code value} is null. */
  public Validation required(String field, Object value) {
    if (value == null) {
      field(field, "is required");
    }
    return this;
  }

  /** Records that {@code field} is missing or blank. */
  public Validation notBlank(String field, String value) {
    if (value == null) {
      field(field, "is required");
    } else if (value.isBlank()) {
      field(field, "must not be blank");
    }
    return this;
  }

  /** Records a length outside {@code [min, max]} characters; null passes (combine with required). */
  public Validation length(String field, String value, int min, int max) {
    if (value != null && (value.length() < min || value.length() > max)) {
      field(field, "must be " + min + " to " + max + " characters long, was " + value.length());
    }
    return this;
  }

  /** Records a number outside {@code [min, max]}; null passes. */
  public Validation range(String field, Number value, long min, long max) {
    if (value != null && (value.longValue() < min || value.longValue() > max)) {
      field(field, "must be between " + min + " and " + max + ", was " + value);
    }
    return this;
  }

  /** Records {@code detail} for {@code field} unless {@code ok}. */
  public Validation check(boolean ok, String field, String detail) {
    if (!ok) {
      field(field, detail);
    }
    return this;
  }

  /** Records {@code detail} at a JSON pointer (RFC 6901), e.g. {@code /items/0/name}. */
  public Validation error(String pointer, String detail) {
    errors.add(FieldError.body(pointer, detail));
    return this;
  }

  private void field(String field, String detail) {
    errors.add(FieldError.body(JsonBodyDecoder.pointer(field), detail));
  }

  public boolean isValid() {
    return errors.isEmpty();
  }

  /** The recorded errors, in the order they were found. */
  public List<FieldError> errors() {
    return List.copyOf(errors);
  }
}
