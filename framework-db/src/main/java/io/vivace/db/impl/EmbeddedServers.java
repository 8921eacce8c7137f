package io.vivace.db.impl;

import io.vivace.config.Config;
import io.vivace.config.ConfigException;
import io.vivace.config.VivaceOptions;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The embedded PostgreSQL, when the app may use it: it lives in the optional artifact
 * {@code io.vivace:vivace-db-embedded}, looked up on the class path (or, on the module path, among
 * the resolved modules: {@code --add-modules io.vivace.db.embedded}) the first time an app without
 * {@code DATABASE_URL} starts. Only {@link #start} touches the artifact's classes, so an app
 * without it never loads them. Thread-safe: stateless.
 */
final class EmbeddedServers {
  static final String CLASS = "io.vivace.db.embedded.impl.EmbeddedPostgres";
  static final String ARTIFACT = "io.vivace:vivace-db-embedded";

  /** A running embedded server: its URL, the psql command reaching it, and how to stop it. */
  record Started(String url, String psql, AutoCloseable server) {
  }

  private EmbeddedServers() {
  }

  /** Whether the artifact's classes are visible to this module. */
  static boolean present() {
    try {
      Class.forName(CLASS, false, EmbeddedServers.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Checks, in the app's validation phase, that an app without {@code DATABASE_URL} may start the
   * embedded server.
   *
   * @throws ConfigException one line naming {@code DATABASE_URL}: under {@code VIVACE_PROFILE=prod},
   *     or when the artifact is absent
   */
  static void checkAllowed(Config config) {
    String profile = VivaceOptions.PROFILE.read(config);
    if ("prod".equals(profile)) {
      throw new ConfigException("DATABASE_URL (system property " + Config.propertyName("DATABASE_URL")
          + ") is required with VIVACE_PROFILE=prod: the embedded PostgreSQL is for development only");
    }
    if (!present()) {
      throw new ConfigException("DATABASE_URL (system property " + Config.propertyName("DATABASE_URL")
          + ") is not set and the embedded PostgreSQL (" + ARTIFACT + ") is not on the class path: "
          + "set DATABASE_URL, or add that artifact for development");
    }
  }

  /** Starts the embedded server keeping its data in {@code dir}; blocks (call it off the event loop). */
  static Started start(Path dir) throws IOException {
    io.vivace.db.embedded.impl.EmbeddedPostgres pg = io.vivace.db.embedded.impl.EmbeddedPostgres.start(dir);
    return new Started(pg.url(), pg.psqlCommand(), pg);
  }
}
