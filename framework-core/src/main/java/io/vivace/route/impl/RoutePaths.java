package io.vivace.route.impl;

import java.nio.charset.StandardCharsets;

/** The characters a declared route path may hold: what a request target carries as it is (RFC 3986). */
public final class RoutePaths {
  /** Besides controls, space and non-ASCII: characters a request target carries only percent-encoded. */
  private static final String ENCODED_ONLY = "\"<>\\^`{|}#?";

  private RoutePaths() {
  }

  /**
   * Checks that {@code path} (a declared route path) has no character a request target carries only
   * percent-encoded; such a route could never be reached.
   *
   * @throws IllegalArgumentException naming the character and the path's encoded form
   */
  public static void checkCharacters(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (encodedOnly(c)) {
        throw new IllegalArgumentException("route path '" + path + "' has a character a request target carries only"
            + " percent-encoded ('" + c + "'): declare it as '" + encoded(path) + "' (RFC 3986)");
      }
    }
  }

  private static boolean encodedOnly(int c) {
    return c <= ' ' || c >= 0x7f || ENCODED_ONLY.indexOf(c) >= 0;
  }

  /** {@code path} with every such character percent-encoded (UTF-8). */
  static String encoded(String path) {
    StringBuilder b = new StringBuilder();
    for (byte x : path.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if (encodedOnly(c)) {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      } else {
        b.append((char) c);
      }
    }
    return b.toString();
  }
}
