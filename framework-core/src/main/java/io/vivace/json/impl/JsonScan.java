package io.vivace.json.impl;

import java.util.Collection;
import java.util.Map;

/**
 * One pass over a JSON text before it is parsed, for what the recursive readers cannot take:
 * nesting deeper than a bound, bytes that are not UTF-8 (RFC 8259 section 8.1: overlong forms, encoded
 * surrogates, stray continuation bytes), and <code>&#92;u</code> escapes of unpaired UTF-16 surrogates. Strings are
 * skipped by their quotes and escapes, so brackets inside them do not count. No allocation.
 */
final class JsonScan {
  static final String TOO_DEEP = "arrays and objects are nested deeper than " + JsonBodyDecoder.MAX_DEPTH + " levels";
  static final String LONE_SURROGATE = "unpaired surrogate";
  static final String NOT_UTF8 = "the body is not valid UTF-8";

  private JsonScan() {
  }

  /** {@link #TOO_DEEP}, {@link #NOT_UTF8}, {@link #LONE_SURROGATE}, or null when {@code bytes[0..length)} has none. */
  static String check(byte[] bytes, int length, int maxDepth) {
    int depth = 0;
    boolean inString = false;
    boolean pendingHigh = false; // the previous escape was a high surrogate
    boolean lone = false; // found one; the scan goes on for the depth
    for (int i = 0; i < length; i++) {
      byte b = bytes[i];
      if (b < 0) { // a multi-byte sequence: only inside strings in valid JSON, which the parser checks
        int more = utf8Continuations(bytes, i, length);
        if (more < 0) {
          return NOT_UTF8;
        }
        lone |= pendingHigh;
        pendingHigh = false;
        i += more;
      } else if (inString) {
        if (b == '\\' && i + 1 < length) {
          byte e = bytes[++i];
          if (e == 'u' && i + 4 < length) {
            int unit = hex4(bytes, i + 1);
            i += 4;
            if (unit >= 0xD800 && unit <= 0xDBFF) {
              lone |= pendingHigh;
              pendingHigh = true;
              continue;
            } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
              lone |= !pendingHigh;
              pendingHigh = false;
              continue;
            }
          }
          lone |= pendingHigh;
          pendingHigh = false;
        } else {
          lone |= pendingHigh;
          pendingHigh = false;
          if (b == '"') {
            inString = false;
          }
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '[' || b == '{') {
        if (++depth > maxDepth) {
          return TOO_DEEP;
        }
      } else if (b == ']' || b == '}') {
        depth--;
      }
    }
    return lone ? LONE_SURROGATE : null;
  }

  /** How many continuation bytes follow the lead byte at {@code i}, or -1 when the sequence is not UTF-8. */
  private static int utf8Continuations(byte[] b, int i, int length) {
    int c = b[i] & 0xFF;
    int n;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
    } else {
      return -1; // a continuation byte without a lead, an overlong lead, or past U+10FFFF
    }
    if (i + n >= length) {
      return -1;
    }
    for (int k = 1; k <= n; k++) {
      if ((b[i + k] & 0xC0) != 0x80) {
        return -1;
      }
    }
    int c1 = b[i + 1] & 0xFF;
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xF0 && c1 < 0x90) // overlong
        || (c == 0xED && c1 > 0x9F) // an encoded surrogate
        || (c == 0xF4 && c1 > 0x8F)) { // past U+10FFFF
      return -1;
    }
    return n;
  }

  private static int hex4(byte[] b, int at) {
    int v = 0;
    for (int i = at; i < at + 4; i++) {
      int d = Character.digit(b[i], 16);
      if (d < 0) {
        return -1;
      }
      v = v << 4 | d;
    }
    return v;
  }

  /** Whether a decoded value (string, map, collection) holds an unpaired surrogate anywhere. */
  static boolean hasLoneSurrogate(Object value) {
    if (value instanceof CharSequence) {
      CharSequence s = (CharSequence) value;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
          if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
            return true;
          }
          i++;
        } else if (Character.isLowSurrogate(c)) {
          return true;
        }
      }
    } else if (value instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (hasLoneSurrogate(e.getKey()) || hasLoneSurrogate(e.getValue())) {
          return true;
        }
      }
    } else if (value instanceof Collection) {
      for (Object o : (Collection<?>) value) {
        if (hasLoneSurrogate(o)) {
          return true;
        }
      }
    }
    return false;
  }
}
