package io.vivace.cors.impl;

import io.vertx.core.http.HttpHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The allowed origins of a {@link io.vivace.cors.CorsOptions}, compiled once at start: exact
 * origins in a hash map to their header value encoded once, each pattern split around its {@code *} into a prefix and a suffix, so a
 * request's {@code Origin} is matched by one hash lookup and, per pattern, a prefix, a suffix and a
 * scan of the part between them: no regular expression, no allocation. Immutable and thread-safe.
 */
public final class Origins {
  private final boolean any;
  private final Map<String, CharSequence> exact;
  private final String[] prefixes;
  private final String[] suffixes;
  private final boolean[] portWildcards;
  /** The exact origins' header values when they are all there is (no pattern, no {@code *}), else null. */
  private final CharSequence[] exactOnly;

  private Origins(boolean any, Set<String> exact, List<String[]> patterns) {
    this.any = any;
    Map<String, CharSequence> encoded = new HashMap<>();
    for (String origin : exact) {
      encoded.put(origin, HttpHeaders.createOptimized(origin));
    }
    this.exact = Map.copyOf(encoded);
    this.exactOnly = any || !patterns.isEmpty() ? null : encoded.values().toArray(new CharSequence[0]);
    int n = patterns.size();
    prefixes = new String[n];
    suffixes = new String[n];
    portWildcards = new boolean[n];
    for (int i = 0; i < n; i++) {
      prefixes[i] = patterns.get(i)[0];
      suffixes[i] = patterns.get(i)[1];
      portWildcards[i] = prefixes[i].endsWith(":");
    }
  }

  /**
   * Compiles origins, patterns or {@code *} (each {@link #isValid valid}; lower-cased).
   *
   * @throws IllegalArgumentException on an invalid item
   */
  public static Origins compile(List<String> items) {
    boolean any = false;
    Set<String> exact = new HashSet<>();
    List<String[]> patterns = new ArrayList<>();
    for (String raw : items) {
      if (!isValid(raw)) {
        throw new IllegalArgumentException("not an origin: " + raw);
      }
      String item = raw.toLowerCase(Locale.ROOT);
      int star = item.indexOf('*');
      if (item.equals("*")) {
        any = true;
      } else if (star < 0) {
        exact.add(item);
      } else {
        patterns.add(new String[] {item.substring(0, star), item.substring(star + 1)});
      }
    }
    return new Origins(any, Set.copyOf(exact), patterns);
  }

  /** Whether every origin is allowed ({@code *}). */
  public boolean any() {
    return any;
  }

  /** Whether {@code origin} (a request's {@code Origin} value, not null) is allowed. */
  public boolean allows(String origin) {
    return echo(origin) != null;
  }

  /**
   * The {@code Access-Control-Allow-Origin} value that echoes {@code origin} (a request's
   * {@code Origin} value, not null): for an origin of the exact set, its value encoded once at
   * start-up (no copy or check per request); for one that {@code *} or a pattern allows,
   * {@code origin} itself; null when it is not allowed.
   */
  public CharSequence echo(String origin) {
    CharSequence encoded = exact.get(origin);
    if (encoded != null) {
      return encoded;
    }
    return any || matchesPattern(origin) ? origin : null;
  }

  /**
   * The {@code Access-Control-Allow-Origin} value that echoes the {@code Origin} of request
   * headers {@code in} as {@link #echo(String)} does, or null when there is none or it is not
   * allowed. With exact origins only, each is compared with the header's value in place, so no
   * {@code String} is made for it.
   */
  public CharSequence echo(io.vertx.core.MultiMap in) {
    CharSequence[] only = exactOnly;
    if (only != null) {
      for (CharSequence allowed : only) {
        if (in.contains(HttpHeaders.ORIGIN, allowed, false)) {
          return allowed;
        }
      }
      return null;
    }
    String origin = in.get(HttpHeaders.ORIGIN);
    return origin == null ? null : echo(origin);
  }

  private boolean matchesPattern(String origin) {
    for (int i = 0; i < prefixes.length; i++) {
      String prefix = prefixes[i];
      String suffix = suffixes[i];
      int end = origin.length() - suffix.length();
      if (end > prefix.length() && origin.startsWith(prefix) && origin.endsWith(suffix)
          && (portWildcards[i] ? isPort(origin, prefix.length(), end) : isSubdomain(origin, prefix.length(), end))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code item} is {@code *}, an origin {@code scheme://host[:port]} or a pattern: one
   * {@code *} for the leftmost host labels ({@code https://*.example.com}) or for the port
   * ({@code http://localhost:*}).
   */
  public static boolean isValid(String item) {
    if (item.equals("*")) {
      return true;
    }
    String s = item.toLowerCase(Locale.ROOT);
    int sep = s.indexOf("://");
    if (sep <= 0 || !isScheme(s, sep)) {
      return false;
    }
    String rest = s.substring(sep + 3);
    int star = rest.indexOf('*');
    if (star < 0) {
      return isHostPort(rest);
    }
    if (rest.indexOf('*', star + 1) >= 0) {
      return false;
    }
    if (star == 0) {
      return rest.startsWith("*.") && isHostPort(rest.substring(2));
    }
    return rest.endsWith(":*") && star == rest.length() - 1 && isHost(rest.substring(0, star - 1));
  }

  /** Whether {@code m} is a method name (an RFC 9110 token). */
  public static boolean isMethod(String m) {
    return isToken(m);
  }

  /** Whether {@code s} is an RFC 9110 token (a header or method name). */
  public static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isScheme(String s, int end) {
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHostPort(String s) {
    int colon = s.lastIndexOf(':');
    if (colon >= 0 && s.indexOf(']', colon) < 0) {
      return isHost(s.substring(0, colon)) && isPort(s, colon + 1, s.length());
    }
    return isHost(s);
  }

  private static boolean isHost(String s) {
    if (s.startsWith("[") && s.endsWith("]") && s.length() > 2) {
      for (int i = 1; i < s.length() - 1; i++) {
        char c = s.charAt(i);
        if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c == ':' || c == '.')) {
          return false;
        }
      }
      return true;
    }
    return !s.isEmpty() && isSubdomain(s, 0, s.length());
  }

  /** Host labels: letters, digits, {@code -} and dots, not starting or ending with a dot. */
  private static boolean isSubdomain(String s, int from, int to) {
    if (s.charAt(from) == '.' || s.charAt(to - 1) == '.') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' && s.charAt(i - 1) != '.')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPort(String s, int from, int to) {
    if (to <= from || to - from > 5) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
