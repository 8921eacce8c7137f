package io.vivace.files.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A class-path folder as a folder on disk: itself when it is a directory (an IDE, {@code mvn exec}),
 * else its jar entries copied once into a temporary folder, removed when the JVM exits. Blocking:
 * called on a worker at the mount's first request.
 */
public final class ClasspathRoot {
  private ClasspathRoot() {
  }

  /** {@code folder} when it is a plausible class-path folder name, without leading or trailing slashes. */
  public static String check(String folder) {
    if (folder == null || folder.isBlank() || folder.contains("..") || folder.contains("\\")) {
      throw new IllegalArgumentException("not a class-path folder: " + folder);
    }
    String f = folder;
    while (f.startsWith("/")) {
      f = f.substring(1);
    }
    while (f.endsWith("/")) {
      f = f.substring(0, f.length() - 1);
    }
    return f;
  }

  static Path resolve(String folder) throws IOException {
    URL url = Thread.currentThread().getContextClassLoader() != null
        ? Thread.currentThread().getContextClassLoader().getResource(folder)
        : ClasspathRoot.class.getClassLoader().getResource(folder);
    if (url == null) {
      url = ClasspathRoot.class.getClassLoader().getResource(folder);
    }
    if (url == null) {
      throw new IOException("no folder '" + folder + "' on the class path");
    }
    URI uri;
    try {
      uri = url.toURI();
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    if ("file".equals(uri.getScheme())) {
      return Path.of(uri);
    }
    FileSystem zip;
    try {
      zip = FileSystems.newFileSystem(uri, Map.of());
    } catch (FileSystemAlreadyExistsException e) {
      zip = FileSystems.getFileSystem(uri);
    }
    Path source = zip.provider().getPath(uri);
    Path target = Files.createTempDirectory("vivace-static-");
    try (Stream<Path> all = Files.walk(source)) {
      all.forEach(p -> {
        Path to = target.resolve(source.relativize(p).toString());
        try {
          if (Files.isDirectory(p)) {
            Files.createDirectories(to);
          } else {
            Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try (Stream<Path> all = Files.walk(target)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // the JVM is exiting
      }
    }, "vivace-static-cleanup"));
    return target;
  }
}
