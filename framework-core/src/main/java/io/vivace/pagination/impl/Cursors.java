package io.vivace.pagination.impl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque keyset cursors: base64url (RFC 4648 section 5, no padding) of a UTF-8 text that only the
 * server reads. Thread-safe.
 */
public final class Cursors {
  /** Longest cursor accepted from a client, in characters: {@value}. */
  public static final int MAX_LENGTH = 1024;

  private Cursors() {
  }

  /** The cursor for {@code text}. */
  public static String encode(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The text of a cursor.
   *
   * @throws IllegalArgumentException when it is not a well-formed cursor
   */
  public static String decode(String cursor) {
    if (!isWellFormed(cursor)) {
      throw new IllegalArgumentException("not a cursor: '" + cursor + "'");
    }
    return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
  }

  /** Whether {@code cursor} is base64url text of at most {@link #MAX_LENGTH} characters. */
  public static boolean isWellFormed(String cursor) {
    int n = cursor.length();
    if (n == 0 || n > MAX_LENGTH || n % 4 == 1) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = cursor.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
