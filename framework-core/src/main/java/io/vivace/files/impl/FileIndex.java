package io.vivace.files.impl;

import io.vivace.files.StaticFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lookups of one mount: a request's relative path (already checked by {@link SafePaths}) to
 * the regular file it names inside the root, with every symbolic link resolved and the result
 * required to stay inside the root's real path. Results (misses included) are kept for the mount's
 * {@link StaticFiles#metadataCache()}, at most {@value #MAX_ENTRIES} of them. {@link #lookup} blocks
 * (file system calls): it runs on a worker; {@link #cached} is the event loop's non-blocking read.
 * Thread-safe.
 */
final class FileIndex {
  static final int MAX_ENTRIES = 10_000;

  private final StaticFiles files;
  private final long ttlNanos;
  private final ConcurrentHashMap<String, FileEntry> entries = new ConcurrentHashMap<>();
  private volatile Path root;

  FileIndex(StaticFiles files) {
    this.files = files;
    this.ttlNanos = files.metadataCache().toNanos();
  }

  /** The entry for {@code rel} if still fresh, else null. Non-blocking. */
  FileEntry cached(String rel, long now) {
    FileEntry e = entries.get(rel);
    return e != null && now - e.expiresNanos() < 0 ? e : null;
  }

  /** Looks {@code rel} up on disk (blocking). */
  FileEntry lookup(String rel) throws IOException {
    long expires = System.nanoTime() + ttlNanos;
    Path base = root();
    FileEntry e = find(base, rel, false, expires);
    if (e == null && files.spaFallback() != null && SafePaths.looksLikePage(rel)) {
      e = find(base, files.spaFallback(), true, expires);
    }
    if (e == null) {
      e = FileEntry.missing(expires);
    }
    if (ttlNanos > 0) {
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
      entries.put(rel, e);
    }
    return e;
  }

  private FileEntry find(Path base, String rel, boolean fallback, long expires) throws IOException {
    Path file = inside(base, rel.isEmpty() ? base : base.resolve(rel));
    if (file != null && Files.isDirectory(file)) {
      file = files.index() == null ? null : inside(base, file.resolve(files.index()));
    }
    if (file == null) {
      return null;
    }
    BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
    if (!attrs.isRegularFile()) {
      return null;
    }
    Path br = null;
    Path gz = null;
    long brSize = 0;
    long gzSize = 0;
    if (files.precompressed()) {
      br = inside(base, file.resolveSibling(file.getFileName() + ".br"));
      brSize = br == null || !Files.isRegularFile(br) ? -1 : Files.size(br);
      br = brSize < 0 ? null : br;
      gz = inside(base, file.resolveSibling(file.getFileName() + ".gz"));
      gzSize = gz == null || !Files.isRegularFile(gz) ? -1 : Files.size(gz);
      gz = gzSize < 0 ? null : gz;
    }
    return FileEntry.of(file, attrs.size(), attrs.lastModifiedTime().toMillis(), br, brSize, gz, gzSize, fallback,
        expires);
  }

  /** The real path of {@code p} when it exists and is inside {@code base}, else null. */
  private static Path inside(Path base, Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.exists(p)) {
      return null;
    }
    Path real;
    try {
      real = p.toRealPath();
    } catch (java.nio.file.NoSuchFileException e) {
      return null; // a dangling link
    }
    return real.startsWith(base) ? real : null;
  }

  private Path root() throws IOException {
    Path r = root;
    if (r == null) {
      synchronized (this) {
        r = root;
        if (r == null) {
          Path folder = files.folder() != null ? files.folder() : ClasspathRoot.resolve(files.classpathFolder());
          r = folder.toRealPath();
          root = r;
        }
      }
    }
    return r;
  }
}
