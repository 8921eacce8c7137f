package io.vivace.extract;

import java.util.UUID;

/** Strict parsers of parameter text; each throws a {@link RuntimeException} on bad input. */
final class Parsers {
  private Parsers() {
  }

  static Integer integer(String s) {
    return Integer.valueOf(s);
  }

  static Long longValue(String s) {
    return Long.valueOf(s);
  }

  static Double doubleValue(String s) {
    double d = Double.parseDouble(s);
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new NumberFormatException(s);
    }
    return d;
  }

  static Boolean bool(String s) {
    if (s.equals("true") || s.equals("1")) {
      return Boolean.TRUE;
    }
    if (s.equals("false") || s.equals("0")) {
      return Boolean.FALSE;
    }
    throw new IllegalArgumentException(s);
  }

  static UUID uuid(String s) {
    if (s.length() != 36) {
      throw new IllegalArgumentException(s);
    }
    return UUID.fromString(s);
  }
}
