package io.vivace.files.impl;

import io.vivace.files.StaticFiles;

/**
 * {@code Range: bytes=...} (RFC 9110 §14.1.2) against a representation of {@code size} bytes.
 * Pure; allocates only the result.
 */
final class Ranges {
  /** No satisfiable range: 416. */
  static final long[] UNSATISFIABLE = new long[0];

  private Ranges() {
  }

  /**
   * The ranges as {@code [first0, last0, first1, last1, ...]} (inclusive, clipped to the size), in
   * the order asked; {@link #UNSATISFIABLE}; or null when the header is to be ignored (absent, not
   * a bytes range, bad syntax, more than {@link StaticFiles#MAX_RANGES} ranges): then the whole
   * representation goes out, as the RFC allows.
   */
  static long[] parse(String header, long size) {
    if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "bytes=", 0, 6)) {
      return null;
    }
    long[] out = new long[8];
    int count = 0;
    int specs = 0;
    int i = 6;
    int n = header.length();
    while (i <= n) {
      int end = header.indexOf(',', i);
      if (end < 0) {
        end = n;
      }
      int a = i;
      int b = end;
      while (a < b && (header.charAt(a) == ' ' || header.charAt(a) == '\t')) {
        a++;
      }
      while (b > a && (header.charAt(b - 1) == ' ' || header.charAt(b - 1) == '\t')) {
        b--;
      }
      if (a == b) { // an empty element of the list
        i = end + 1;
        continue;
      }
      if (++specs > StaticFiles.MAX_RANGES) {
        return null;
      }
      int dash = header.indexOf('-', a);
      if (dash < 0 || dash >= b) {
        return null;
      }
      long first;
      long last;
      if (dash == a) { // -N: the last N bytes
        long suffix = number(header, dash + 1, b);
        if (suffix < 0) {
          return null;
        }
        if (suffix == 0 || size == 0) {
          i = end + 1;
          continue;
        }
        first = Math.max(0, size - suffix);
        last = size - 1;
      } else {
        first = number(header, a, dash);
        last = dash + 1 == b ? Long.MAX_VALUE : number(header, dash + 1, b);
        if (first < 0 || last < 0 || last < first) {
          return null;
        }
        if (first >= size) {
          i = end + 1;
          continue; // not satisfiable; others may be
        }
        last = Math.min(last, size - 1);
      }
      if (count * 2 + 2 > out.length) {
        out = java.util.Arrays.copyOf(out, out.length * 2);
      }
      out[count * 2] = first;
      out[count * 2 + 1] = last;
      count++;
      i = end + 1;
    }
    if (specs == 0) {
      return null;
    }
    return count == 0 ? UNSATISFIABLE : java.util.Arrays.copyOf(out, count * 2);
  }

  /** The decimal number in {@code s[from, to)}, or -1 when it is not one (or too long). */
  private static long number(String s, int from, int to) {
    if (from >= to || to - from > 18) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
