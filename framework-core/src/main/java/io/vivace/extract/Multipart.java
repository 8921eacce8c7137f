package io.vivace.extract;

import io.vivace.problem.FieldError;
import io.vivace.problem.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code multipart/form-data} body (RFC 7578) as {@link Body#multipart()} hands it to a handler:
 * the text fields and the file parts, already streamed to temporary files. Typed getters throw
 * {@link ProblemException} (400 naming the field) for a missing or malformed value, as other
 * extractors do. Read on the event loop or the handler's thread; immutable.
 */
public final class Multipart {
  private final Map<String, List<String>> fields;
  private final Map<String, List<UploadedFile>> files;

  /** @param fields text fields by name, values in order; {@code files} file parts by field name */
  public Multipart(Map<String, List<String>> fields, Map<String, List<UploadedFile>> files) {
    this.fields = Map.copyOf(fields);
    this.files = Map.copyOf(files);
  }

  /** Every text field, by name. */
  public Map<String, List<String>> fields() { return fields; }

  /** Every file part, by field name. */
  public Map<String, List<UploadedFile>> files() { return files; }

  /** The text field {@code name}'s first value, if sent. */
  public Optional<String> optionalText(String name) {
    List<String> v = fields.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /** The text field {@code name}; 400 naming it when missing. */
  public String text(String name) {
    return optionalText(name).orElseThrow(() -> invalid(name, "is required"));
  }

  /** The text field {@code name} as an integer; 400 naming it when missing or not one. */
  public long longValue(String name) {
    String v = text(name);
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw invalid(name, "must be an integer");
    }
  }

  /** The text field {@code name} as an {@code int}; 400 naming it when missing or not one. */
  public int integer(String name) {
    long v = longValue(name);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw invalid(name, "must be an integer");
    }
    return (int) v;
  }

  /** The text field {@code name} as {@code true}/{@code false}; 400 naming it when missing or neither. */
  public boolean bool(String name) {
    String v = text(name).trim();
    if (v.equalsIgnoreCase("true") || v.equals("on") || v.equals("1")) {
      return true;
    }
    if (v.equalsIgnoreCase("false") || v.equals("off") || v.equals("0")) {
      return false;
    }
    throw invalid(name, "must be true or false");
  }

  /** The file part {@code name}, if sent. */
  public Optional<UploadedFile> optionalFile(String name) {
    List<UploadedFile> v = files.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /** The file part {@code name}; 400 naming it when missing. */
  public UploadedFile file(String name) {
    return optionalFile(name).orElseThrow(() -> invalid(name, "is required (a file part)"));
  }

  /** Every file part named {@code name}, in order (empty when none). */
  public List<UploadedFile> fileList(String name) {
    return files.getOrDefault(name, List.of());
  }

  private static ProblemException invalid(String name, String detail) {
    return ProblemException.badRequest("Invalid form field '" + name + "'.", List.of(FieldError.body("/" + name, detail)));
  }
}
