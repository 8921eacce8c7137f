package io.vivace.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Flyway migration names, {@code V<yyyyMMddHHmmss>__<description>.sql} in
 * {@code src/main/resources/db/migration}: the version is the current UTC time, or one more than the
 * highest version already there, so two migrations made in the same second still come in order.
 */
final class Migrations {
  static final String DIR = "src/main/resources/db/migration";
  private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private Migrations() {
  }

  /** The relative path of a new migration {@code description} in {@code project}. */
  static String next(Path project, String description, Clock clock) throws IOException {
    long version = Long.parseLong(LocalDateTime.now(clock).format(STAMP));
    Path dir = project.resolve(DIR);
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Matcher m = VERSION.matcher(f.getFileName().toString());
          if (m.matches() && m.group(1).length() < 19) {
            version = Math.max(version, Long.parseLong(m.group(1)) + 1);
          }
        }
      }
    }
    return DIR + "/V" + version + "__" + description + ".sql";
  }

  /** The existing migration ending in {@code __<description>.sql}, or null. */
  static String existing(Path project, String description) throws IOException {
    Path dir = project.resolve(DIR);
    if (!Files.isDirectory(dir)) {
      return null;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString())
          .filter(n -> VERSION.matcher(n).matches() && n.endsWith("__" + description + ".sql"))
          .sorted().findFirst().map(n -> DIR + "/" + n).orElse(null);
    }
  }
}
