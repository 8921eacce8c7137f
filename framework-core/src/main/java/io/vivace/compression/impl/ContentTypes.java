package io.vivace.compression.impl;

import io.vivace.cors.impl.Origins;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The content types that are compressed, compiled once at start: exact media types and whole
 * types ({@code text/*}). A response's {@code Content-Type} is matched without allocation (its
 * parameters ignored, case-insensitively, as RFC 9110 §8.3.1 says). Immutable and thread-safe.
 */
public final class ContentTypes {
  /** Media types whose bodies are already compressed: compressing them again costs and saves nothing. */
  static final Set<String> COMPRESSED = Set.of("application/zip", "application/gzip", "application/x-gzip",
      "application/zstd", "application/x-bzip2", "application/x-xz", "application/x-7z-compressed",
      "application/x-rar-compressed", "application/vnd.rar", "application/x-compress", "application/x-brotli",
      "font/woff", "font/woff2");

  private final String[] exact;
  private final String[] prefixes;

  private ContentTypes(String[] exact, String[] prefixes) {
    this.exact = exact;
    this.prefixes = prefixes;
  }

  /**
   * Compiles {@code types}, each {@link #isCompressible}.
   *
   * @throws IllegalArgumentException on a type that is not
   */
  public static ContentTypes of(List<String> types) {
    List<String> exact = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    for (String raw : types) {
      if (!isCompressible(raw)) {
        throw new IllegalArgumentException("not a compressible media type: " + raw);
      }
      String t = raw.toLowerCase(Locale.ROOT);
      if (t.endsWith("/*")) {
        prefixes.add(t.substring(0, t.length() - 1));
      } else {
        exact.add(t);
      }
    }
    return new ContentTypes(exact.toArray(new String[0]), prefixes.toArray(new String[0]));
  }

  /**
   * Whether {@code type} is a media type {@code type/subtype} or a whole type {@code type/*} that
   * is not already compressed: not audio, video, images other than SVG, archives or web fonts (and
   * not {@code *}{@code /*} nor {@code application/*}, which include them).
   */
  public static boolean isCompressible(String type) {
    String t = type.toLowerCase(Locale.ROOT);
    int slash = t.indexOf('/');
    if (slash <= 0 || slash == t.length() - 1) {
      return false;
    }
    String major = t.substring(0, slash);
    String minor = t.substring(slash + 1);
    if (!Origins.isToken(major) || major.equals("*") || !(minor.equals("*") || Origins.isToken(minor) && minor.indexOf('*') < 0)) {
      return false;
    }
    if (major.equals("audio") || major.equals("video") || major.equals("application") && minor.equals("*")
        || major.equals("font") && minor.equals("*")) {
      return false;
    }
    if (major.equals("image")) {
      return minor.equals("svg+xml");
    }
    return !COMPRESSED.contains(t);
  }

  /** Whether a response with this {@code Content-Type} value (null: none) is compressed. */
  public boolean matches(String contentType) {
    if (contentType == null) {
      return false;
    }
    int end = contentType.indexOf(';');
    if (end < 0) {
      end = contentType.length();
    }
    while (end > 0 && contentType.charAt(end - 1) == ' ') {
      end--;
    }
    for (String t : exact) {
      if (end == t.length() && contentType.regionMatches(true, 0, t, 0, end)) {
        return true;
      }
    }
    for (String p : prefixes) {
      if (end > p.length() && contentType.regionMatches(true, 0, p, 0, p.length())) {
        return true;
      }
    }
    return false;
  }
}
