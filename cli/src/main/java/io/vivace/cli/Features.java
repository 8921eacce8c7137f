package io.vivace.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code --features} of {@code vivace new}: {@code db} (PostgreSQL through vivace-db, the default),
 * {@code cache}, {@code redis} and {@code auth}. This version generates {@code db} and projects
 * without features; the others parse and are validated, and are refused with exit 5 until their
 * framework modules ship.
 */
final class Features {
  static final List<String> KNOWN = List.of("db", "cache", "redis", "auth");
  static final Set<String> AVAILABLE = Set.of("db");

  private Features() {
  }

  /** Comma-separated names, blanks ignored, duplicates kept once, in the known order. */
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
    chosen.sort((a, b) -> KNOWN.indexOf(a) - KNOWN.indexOf(b));
    for (String f : chosen) {
      if (!AVAILABLE.contains(f)) {
        throw new CliException(VivaceCli.EXIT_UNAVAILABLE, "the feature '" + f + "' is not available in "
            + "this version of vivace yet (its framework module is not released); nothing was written");
      }
    }
    return chosen;
  }
}
