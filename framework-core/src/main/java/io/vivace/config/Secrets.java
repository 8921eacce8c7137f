package io.vivace.config;

/**
 * Keeps secrets out of messages and log lines: the password of a URL's user information
 * ({@code scheme://user:password@host}, RFC 3986 section 3.2.1) becomes {@value #MASK}. Stateless.
 */
public final class Secrets {
  /** What a hidden secret shows as. */
  public static final String MASK = "***";

  private Secrets() {
  }

  /**
   * {@code text} with the password of every {@code scheme://user:password@} replaced by
   * {@link #MASK}; other text unchanged; null stays null.
   */
  public static String maskUrl(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    int scan = 0;
    int scheme;
    while ((scheme = text.indexOf("://", scan)) >= 0) {
      int start = scheme + 3;
      int end = start;
      while (end < text.length() && "/?#".indexOf(text.charAt(end)) < 0 && !Character.isWhitespace(text.charAt(end))) {
        end++;
      }
      int at = text.lastIndexOf('@', end - 1);
      int colon = at >= start ? text.indexOf(':', start) : -1;
      if (colon >= 0 && colon < at) {
        out.append(text, copied, colon + 1).append(MASK);
        copied = at;
      }
      scan = Math.max(end, start);
    }
    return copied == 0 ? text : out.append(text, copied, text.length()).toString();
  }
}
