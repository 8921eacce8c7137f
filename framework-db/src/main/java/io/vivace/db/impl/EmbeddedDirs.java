package io.vivace.db.impl;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The embedded server's data folder: {@code {app}} in the configured path becomes the app's name,
 * so two apps started from the same folder (the examples, from the repository root) never share a
 * cluster and its migration history. Called once at start.
 */
final class EmbeddedDirs {
  /** The placeholder for the app's name in {@code VIVACE_DB_EMBEDDED_DIR}. */
  static final String APP = "{app}";

  private EmbeddedDirs() {
  }

  /** {@code configured} with {@value #APP} replaced by {@link #appName(String)} of this JVM's command. */
  static Path resolve(Path configured) {
    String path = configured.toString();
    return path.contains(APP) ? Path.of(path.replace(APP, appName(System.getProperty("sun.java.command")))) : configured;
  }

  /**
   * The app's name from the JVM's command line ({@code sun.java.command}): the jar's file name
   * without {@code .jar} for {@code java -jar blog.jar}, else the main class's simple name in lower
   * case; {@code "app"} when unknown. Only letters, digits, {@code .}, {@code _} and {@code -} stay.
   */
  static String appName(String javaCommand) {
    if (javaCommand == null || javaCommand.isBlank()) {
      return "app";
    }
    String first = javaCommand.trim().split("\\s+")[0];
    String name;
    if (first.endsWith(".jar")) {
      name = Path.of(first).getFileName().toString();
      name = name.substring(0, name.length() - 4);
    } else {
      name = first.substring(first.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }
    name = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return name.isEmpty() || name.startsWith(".") ? "app" : name;
  }
}
