package io.vivace.files.impl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A request's path below the mount, percent-decoded (RFC 3986 §2.1) and checked before it comes near
 * the file system. Refused (null, answered 404): a bad escape or invalid UTF-8, an empty, {@code .}
 * or {@code ..} segment (after decoding, so {@code %2e%2e} too), a segment that starts with
 * {@code .} (hidden files), a backslash, a NUL or other control character, a colon (drive letters).
 * Pure functions; thread-safe.
 */
final class SafePaths {
  private SafePaths() {
  }

  /**
   * The relative path ({@code a/b.css}, {@code ""} for the mount itself) for the raw tail of the
   * request path (without a leading slash), or null when refused.
   */
  static String relative(String rawTail) {
    if (rawTail == null || rawTail.isEmpty()) {
      return "";
    }
    String path = decode(rawTail);
    if (path == null) {
      return null;
    }
    int start = 0;
    int n = path.length();
    if (path.charAt(n - 1) == '/') {
      n--; // a folder's URL: /docs/ serves docs/index.html
    }
    while (start <= n) {
      int end = path.indexOf('/', start);
      if (end < 0 || end > n) {
        end = n;
      }
      if (end == start || path.charAt(start) == '.') {
        return null; // empty, ".", "..", or hidden
      }
      for (int i = start; i < end; i++) {
        char c = path.charAt(i);
        if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') {
          return null;
        }
      }
      start = end + 1;
    }
    return path.substring(0, n);
  }

  /** Whether a missing {@code rel} may get the single-page app's page: its last segment has no extension. */
  static boolean looksLikePage(String rel) {
    int slash = rel.lastIndexOf('/');
    return rel.indexOf('.', slash + 1) < 0;
  }

  private static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return null;
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        out.write(hi << 4 | lo);
        i += 2;
      } else if (c < 0x80) {
        out.write(c);
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(out.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
