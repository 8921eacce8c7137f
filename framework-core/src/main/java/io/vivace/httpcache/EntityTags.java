package io.vivace.httpcache;

/**
 * Entity-tag comparison that sees a content-coded form of a tag as the same entity as the tag
 * itself. When the compressor encodes a response it appends the coding to a strong tag
 * ({@code "q1w2"} becomes {@code "q1w2-gzip"} or {@code "q1w2-deflate"}: RFC 9110 §8.8.3 wants a
 * strong validator to change with the representation's bytes, content coding included), and static
 * files' precompressed siblings carry {@code "…-gz"} and {@code "…-br"}. A tag's base is its
 * opaque text without one such suffix. Indices are those of the quotes; no allocation; stateless.
 */
final class EntityTags {
  /** The content-coding suffixes of a tag, longest first where one ends another. */
  private static final String[] SUFFIXES = {"-gzip", "-deflate", "-gz", "-br"};

  private EntityTags() {
  }

  /**
   * Where the base of the quoted tag {@code s[open..close]} ends (exclusive): {@code close}, or
   * the index of its coding suffix. A suffix alone ({@code "-gzip"}) is a base, not a coding.
   */
  static int baseEnd(String s, int open, int close) {
    for (String suffix : SUFFIXES) {
      int at = close - suffix.length();
      if (at > open + 1 && s.startsWith(suffix, at)) {
        return at;
      }
    }
    return close;
  }

  /**
   * Whether the quoted tags {@code a[aOpen..aClose]} and {@code b[bOpen..bClose]} (indices of their
   * quotes) have the same base: the same entity, coded or not.
   */
  static boolean sameEntity(String a, int aOpen, int aClose, String b, int bOpen, int bClose) {
    int len = baseEnd(a, aOpen, aClose) - aOpen;
    return len == baseEnd(b, bOpen, bClose) - bOpen && a.regionMatches(aOpen, b, bOpen, len);
  }

  /** The index of the opening quote of {@code etag} ({@code W/} skipped), or -1 when it is not a quoted tag. */
  static int open(String etag) {
    int open = etag.startsWith("W/") ? 2 : 0;
    int last = etag.length() - 1;
    return last > open && etag.charAt(open) == '"' && etag.charAt(last) == '"' ? open : -1;
  }
}
