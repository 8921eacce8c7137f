package io.vivace.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files one command writes, collected in memory and written all together: first into a temporary
 * folder next to their destination, then moved into place, so a command that fails (a bad name, a
 * template error, a full disk) leaves nothing behind. A file whose content is already the same is
 * left alone; a different existing file is overwritten only with {@code force} (or when the tool
 * owns it, see {@link #addManaged}), otherwise the whole command is refused before anything is written. Not thread-safe; one per command.
 */
final class Staging {
  private final Path root;
  private final Map<String, String> files = new LinkedHashMap<>();
  private final Set<String> managed = new HashSet<>();
  /** Tests only: the number of files moved in before a simulated I/O failure; negative for none. */
  int movesBeforeFailure = -1;

  /** Files relative to {@code root}. */
  Staging(Path root) {
    this.root = root;
  }

  /** Adds (or replaces) the file {@code relative} with {@code content}; an existing different one needs force. */
  void add(String relative, String content) {
    files.put(relative, content);
  }

  /**
   * Adds a file the tool owns and rewrites whenever the project changes (the route registration, the
   * relations, the project description): it is overwritten without {@code force}.
   */
  void addManaged(String relative, String content) {
    files.put(relative, content);
    managed.add(relative);
  }

  Map<String, String> files() {
    return files;
  }

  /**
   * Writes the files. With a {@code root} that does not exist, the whole folder is staged and moved
   * in one step; otherwise each file is staged in a temporary folder under {@code root} and moved over.
   *
   * @return the files written (changed or new), relative to {@code root}, in order
   * @throws CliException exit 2 when a different file exists and {@code force} is false
   */
  List<String> commit(boolean force) throws IOException {
    if (!Files.exists(root)) {
      Path parent = root.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temp = Files.createTempDirectory(parent, ".vivace-");
      try {
        writeAll(temp, files.keySet());
        Files.move(temp, root, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException | RuntimeException e) {
        deleteTree(temp);
        throw e;
      }
      return new ArrayList<>(files.keySet());
    }
    List<String> changed = new ArrayList<>();
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path target = root.resolve(f.getKey());
      if (Files.isDirectory(target)) {
        throw CliException.refused(f.getKey() + " is a folder; nothing was written");
      }
      if (Files.exists(target)) {
        if (Files.readString(target, StandardCharsets.UTF_8).equals(f.getValue())) {
          continue;
        }
        if (!force && !managed.contains(f.getKey())) {
          throw CliException.refused(f.getKey() + " exists and would change; nothing was written "
              + "(use --force to overwrite)");
        }
      }
      changed.add(f.getKey());
    }
    if (!changed.isEmpty()) {
      moveIn(changed);
    }
    return changed;
  }

  /**
   * Stages {@code changed} under a temporary folder, then moves each into place, the file it replaces
   * set aside first; on any failure the files moved in are removed, the replaced ones put back and
   * the folders created removed, so the project is as it was.
   */
  private void moveIn(List<String> changed) throws IOException {
    Path temp = Files.createTempDirectory(root, ".vivace-");
    Path staged = temp.resolve("new");
    Path replaced = temp.resolve("old");
    List<String> movedIn = new ArrayList<>();
    List<String> setAside = new ArrayList<>();
    List<Path> createdDirs = new ArrayList<>();
    try {
      writeAll(staged, changed);
      for (String rel : changed) {
        Path target = root.resolve(rel);
        if (Files.exists(target)) {
          Files.createDirectories(replaced.resolve(rel).getParent());
          move(target, replaced.resolve(rel));
          setAside.add(rel);
        }
        createParents(target.getParent(), createdDirs);
        if (movesBeforeFailure-- == 0) {
          throw new IOException("simulated failure before moving " + rel);
        }
        move(staged.resolve(rel), target);
        movedIn.add(rel);
      }
    } catch (IOException | RuntimeException e) {
      for (String rel : movedIn) {
        Files.deleteIfExists(root.resolve(rel));
      }
      for (String rel : setAside) {
        move(replaced.resolve(rel), root.resolve(rel));
      }
      for (int i = createdDirs.size() - 1; i >= 0; i--) {
        Files.deleteIfExists(createdDirs.get(i));
      }
      throw e;
    } finally {
      deleteTree(temp);
    }
  }

  /** Creates {@code dir} and its missing parents, recording each one created (outermost first). */
  private static void createParents(Path dir, List<Path> created) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path d = dir; d != null && !Files.exists(d); d = d.getParent()) {
      missing.add(0, d);
    }
    for (Path d : missing) {
      Files.createDirectory(d);
      created.add(d);
    }
  }

  private void writeAll(Path dir, Iterable<String> names) throws IOException {
    for (String rel : names) {
      Path p = dir.resolve(rel);
      Files.createDirectories(p.getParent());
      Files.writeString(p, files.get(rel), StandardCharsets.UTF_8);
      if (rel.startsWith("bin/") || rel.equals("mvnw")) {
        p.toFile().setExecutable(true);
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
