package io.vivace.route;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Route path patterns as the router reads them ({@code :name} matches one non-empty segment, a
 * {@code *} matches anything, a trailing {@code /*} also matches the path without it), and the
 * rule that decides which exact routes are served from the static table: an exact route is served
 * there unless an earlier route for the same method has a pattern that could match its path (the
 * router would try that route first). Used when the app starts and by {@code vivace routes}; it
 * compiles patterns, so it is not for the request path. Thread-safe.
 */
public final class PathPatterns {
  /** Each pattern compiled once (patterns are the app's declared paths: a bounded set). */
  private static final java.util.Map<String, Pattern> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

  private PathPatterns() {
  }

  /** Whether {@code pattern} is an exact path: no {@code :param} and no {@code *}. */
  public static boolean isExact(String pattern) {
    return pattern.indexOf(':') < 0 && pattern.indexOf('*') < 0;
  }

  /** Whether the router would match {@code pattern} against the request path {@code path} (case-sensitive). */
  public static boolean matches(String pattern, String path) {
    return COMPILED.computeIfAbsent(pattern, PathPatterns::regex).matcher(path).matches();
  }

  /**
   * The index of the first route before {@code i} with the same method whose pattern (not exact)
   * could match route {@code i}'s exact path, or -1 when there is none (then route {@code i}, if it
   * is exact, may be served from the static table).
   *
   * @param methods each route's method name ({@code GET}...), in declaration order
   * @param paths each route's pattern, same order
   */
  public static int shadowedBy(List<String> methods, List<String> paths, int i) {
    String path = paths.get(i);
    for (int j = 0; j < i; j++) {
      String p = paths.get(j);
      if (!isExact(p) && methods.get(j).equals(methods.get(i)) && matches(p, path)) {
        return j;
      }
    }
    return -1;
  }

  private static Pattern regex(String pattern) {
    StringBuilder re = new StringBuilder();
    int n = pattern.length();
    if (pattern.endsWith("/*")) {
      n -= 2;
    }
    int lit = 0;
    for (int i = 0; i < n; i++) {
      char c = pattern.charAt(i);
      if (c == ':' && i + 1 < n && isNameStart(pattern.charAt(i + 1))) {
        re.append(Pattern.quote(pattern.substring(lit, i)));
        int end = i + 1;
        while (end < n && isNamePart(pattern.charAt(end))) {
          end++;
        }
        re.append("[^/]+");
        i = end - 1;
        lit = end;
      } else if (c == '*') {
        re.append(Pattern.quote(pattern.substring(lit, i))).append(".*");
        lit = i + 1;
      }
    }
    re.append(Pattern.quote(pattern.substring(lit, n)));
    if (n < pattern.length()) {
      re.append("(?:/.*)?");
    }
    return Pattern.compile(re.toString());
  }

  private static boolean isNameStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
