package io.vivace.json;

import java.util.Collection;
import java.util.Map;

/**
 * One pass over a JSON text before it is parsed, for what the recursive readers cannot take:
 * nesting deeper than a bound, and <code>&#92;u</code> escapes of unpaired UTF-16 surrogates. Strings are
 * skipped by their quotes and escapes, so brackets inside them do not count. No allocation.
 */
final class JsonScan {
  static final String TOO_DEEP = "arrays and objects are nested deeper than " + JsonBodyDecoder.MAX_DEPTH + " levels";
  static final String LONE_SURROGATE = "unpaired surrogate";

  private JsonScan() {
  }

  /** {@link #TOO_DEEP}, {@link #LONE_SURROGATE}, or null when {@code bytes[0..length)} has neither. */
  static String check(byte[] bytes, int length, int maxDepth) {
    int depth = 0;
    boolean inString = false;
    boolean pendingHigh = false; // the previous escape was a high surrogate
    boolean lone = false; // found one; the scan goes on for the depth
    for (int i = 0; i < length; i++) {
      byte b = bytes[i];
      if (inString) {
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
