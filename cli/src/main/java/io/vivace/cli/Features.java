package io.vivace.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --features} of {@code vivace new}: {@code db} (PostgreSQL through vivace-db, the
 * default), {@code cache} (Caffeine caches through vivace-cache), {@code redis} (the same caches with
 * a Redis tier when {@code REDIS_URL} is set; implies {@code cache}) and {@code auth} (bearer tokens
 * and the accounts module of vivace-auth-module; requires {@code db}, where the accounts live).
 */
final class Features {
  static final List<String> KNOWN = List.of("db", "cache", "redis", "auth");

  private Features() {
  }

  /**
   * Comma-separated names, blanks ignored, duplicates kept once, in the known order, with
   * {@code cache} added when {@code redis} is chosen. A usage error (exit 1) for an unknown name or
   * {@code auth} without {@code db}.
   */
  static List<String> parse(String csv) {
    List<String> chosen = new ArrayList<>();
    for (String raw : csv.split(",", -1)) {
      String f = raw.trim();
      if (f.isEmpty()) {
        continue;
      }
      if (!KNOWN.contains(f)) {
        throw CliException.usage("unknown feature '" + f + "': choose from " + String.join(", ", KNOWN)
            + " (or \"\" for none)");
      }
      if (!chosen.contains(f)) {
        chosen.add(f);
      }
    }
    if (chosen.contains("redis") && !chosen.contains("cache")) {
      chosen.add("cache"); // the Redis tier is a tier of the caches
    }
    if (chosen.contains("auth") && !chosen.contains("db")) {
      throw CliException.usage("the feature auth needs db (accounts and refresh tokens live in PostgreSQL): "
          + "use --features db,auth");
    }
    chosen.sort((a, b) -> KNOWN.indexOf(a) - KNOWN.indexOf(b));
    return chosen;
  }
}
