package io.vivace.db.impl;

import io.vivace.db.Keyset;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statements that {@link SqlImpl#page} and {@link SqlImpl#keyset} derive from a user's SQL
 * (LIMIT/OFFSET appended, or the keyset wrapper), built once per distinct statement and reused, so a
 * paged request does not build a SQL string. Thread-safe. Holds at most {@link #MAX_ENTRIES}
 * statements; past that (SQL built per request, which defeats the prepared-statement cache anyway)
 * statements are built without being kept.
 */
final class DerivedSql {
  /** The most derived statements kept. */
  static final int MAX_ENTRIES = 2048;

  private record Key(String sql, int params, Keyset<?> keyset, boolean first) {
  }

  private static final ConcurrentHashMap<Key, String> CACHE = new ConcurrentHashMap<>();

  private DerivedSql() {
  }

  /** {@code sql LIMIT $n+1 OFFSET $n+2}, where {@code n} is the number of the statement's own parameters. */
  static String paged(String sql, int params) {
    return cached(new Key(sql, params, null, true));
  }

  /**
   * {@code SELECT * FROM (sql) AS keyset_page [WHERE (cols) > ($n+1, ...)] ORDER BY cols LIMIT $m},
   * the WHERE only after the first page.
   */
  static String keyset(String sql, int params, Keyset<?> keyset, boolean first) {
    return cached(new Key(sql, params, keyset, first));
  }

  /**
   * Forgets every statement: when a database's app stops, so that the keys (which hold the app's
   * {@link Keyset}s, and through their functions its classes) do not outlive it, for instance an app
   * version that {@code vivace dev} reloaded in the same JVM.
   */
  static void clear() {
    CACHE.clear();
  }

  private static String cached(Key key) {
    String hit = CACHE.get(key);
    if (hit != null) {
      return hit;
    }
    String built = build(key);
    if (CACHE.size() < MAX_ENTRIES) {
      CACHE.putIfAbsent(key, built);
    }
    return built;
  }

  private static String build(Key k) {
    int n = k.params();
    if (k.keyset() == null) {
      return k.sql() + " LIMIT $" + (n + 1) + " OFFSET $" + (n + 2);
    }
    String where = k.first() ? "" : k.keyset().after(n + 1);
    int limitParam = n + (k.first() ? 0 : k.keyset().size()) + 1;
    return "SELECT * FROM (" + k.sql() + ") AS keyset_page" + where + k.keyset().orderBy() + " LIMIT $" + limitParam;
  }
}
