package io.vivace.tracing.impl;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a database span says of a statement, read from its SQL once and kept: the operation
 * ({@code SELECT}, {@code INSERT}...), the table it names first ({@code FROM}, {@code INTO},
 * {@code UPDATE}'s), and the span name {@code {operation} {table}} (the semantic conventions'
 * {@code db.query.summary}). Nothing else of the SQL is kept, and parameters are never in it (they
 * are {@code $1}... placeholders). A scan of characters, no regular expression; comments and
 * quoted text are skipped, a {@code WITH} clause is looked through to its main statement.
 *
 * @param operation the first keyword, upper case; {@code SQL} when there is none
 * @param table the table, or null when none is named (or it cannot be told)
 * @param name the span name and query summary
 */
record SqlSummary(String operation, String table, String name) {
  /** Statements summarized and kept at most; beyond, each is summarized again (apps have far fewer). */
  static final int MAX_KEPT = 2_000;
  private static final ConcurrentHashMap<String, SqlSummary> KEPT = new ConcurrentHashMap<>();

  /** The summary of {@code sql}, kept for the next time. Any thread. */
  static SqlSummary of(String sql) {
    SqlSummary s = KEPT.get(sql);
    if (s == null) {
      s = parse(sql);
      if (KEPT.size() < MAX_KEPT) {
        KEPT.putIfAbsent(sql, s);
      }
    }
    return s;
  }

  /** Summarizes {@code sql} (no caching). */
  static SqlSummary parse(String sql) {
    Scanner in = new Scanner(sql);
    String first = in.word();
    if (first == null) {
      return new SqlSummary("SQL", null, "SQL");
    }
    String op = first.toUpperCase(Locale.ROOT);
    if (op.equals("WITH")) { // WITH name AS (...), ... main statement
      String main;
      while ((main = in.topLevelWord()) != null) {
        String m = main.toUpperCase(Locale.ROOT);
        if (m.equals("SELECT") || m.equals("INSERT") || m.equals("UPDATE") || m.equals("DELETE")) {
          op = m;
          break;
        }
      }
      if (main == null) {
        return new SqlSummary("WITH", null, "WITH");
      }
    }
    String table = null;
    switch (op) {
      case "SELECT":
      case "DELETE":
        table = in.after("FROM");
        break;
      case "INSERT":
        table = in.after("INTO");
        break;
      case "UPDATE":
        table = in.word();
        if ("ONLY".equalsIgnoreCase(table)) {
          table = in.word();
        }
        break;
      default:
        break;
    }
    return new SqlSummary(op, table, table == null ? op : op + ' ' + table);
  }

  /** Words of SQL at parenthesis depth 0, skipping comments, strings and quoted names. */
  private static final class Scanner {
    private final String s;
    private int i;
    private int depth;

    Scanner(String s) {
      this.s = s;
    }

    /** The next word (letters, digits, {@code _ $ .}, or a quoted name with its dots) at any depth, or null. */
    String word() {
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-') {
          int nl = s.indexOf('\n', i);
          i = nl < 0 ? s.length() : nl + 1;
        } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
          int end = s.indexOf("*/", i + 2);
          i = end < 0 ? s.length() : end + 2;
        } else if (c == '\'') {
          skipQuoted('\'');
        } else if (c == '(') {
          depth++;
          i++;
        } else if (c == ')') {
          depth--;
          i++;
        } else if (c == '"' || isWordStart(c)) {
          int start = i;
          while (i < s.length()) {
            char d = s.charAt(i);
            if (d == '"') {
              skipQuoted('"');
            } else if (isWordPart(d) || d == '.') {
              i++;
            } else {
              break;
            }
          }
          return s.substring(start, i);
        } else {
          i++;
        }
      }
      return null;
    }

    /** The next word at parenthesis depth 0, or null. */
    String topLevelWord() {
      String w;
      do {
        w = word();
      } while (w != null && depth != 0);
      return w;
    }

    /** The word after the next top-level {@code keyword}, or null (a sub-select there: null). */
    String after(String keyword) {
      String w;
      while ((w = topLevelWord()) != null) {
        if (w.equalsIgnoreCase(keyword)) {
          int before = depth;
          String next = word();
          return next != null && depth == before ? next : null;
        }
      }
      return null;
    }

    private void skipQuoted(char quote) {
      i++;
      while (i < s.length()) {
        if (s.charAt(i) == quote) {
          if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
            i += 2; // a doubled quote inside
            continue;
          }
          i++;
          return;
        }
        i++;
      }
    }

    private static boolean isWordStart(char c) {
      return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordPart(char c) {
      return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
  }
}
