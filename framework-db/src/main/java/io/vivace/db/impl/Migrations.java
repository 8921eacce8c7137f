package io.vivace.db.impl;

import io.vivace.db.DatabaseUrl;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;

/** Flyway migrations over JDBC. Blocking: run it off the event loop. */
final class Migrations {
  private Migrations() {
  }

  /**
   * The loader the migrations are read through: the thread's context loader when it sees everything
   * the framework's loader sees (it is that loader or one of its children, as the class loader of an
   * app version under {@code vivace dev}, which loads the app's classes and resources), else the
   * framework's own.
   */
  static ClassLoader loader() {
    ClassLoader own = Migrations.class.getClassLoader();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    for (ClassLoader l = context; l != null; l = l.getParent()) {
      if (l == own) {
        return context;
      }
    }
    return own;
  }

  /**
   * Applies pending migrations from {@code locations}; returns how many were applied.
   *
   * @param embeddedDir the embedded server's data folder, or null for a {@code DATABASE_URL} server
   *     (named in the advice when a migration that ran has changed)
   * @throws IllegalStateException when an applied migration's file changed (a checksum mismatch):
   *     one line saying what to do; other Flyway errors as Flyway raises them
   */
  static int migrate(DatabaseUrl url, String locations, Path embeddedDir) {
    try {
      MigrateResult result = Flyway.configure(loader())
          .dataSource(url.jdbcUrl(), url.user(), url.password())
          .locations(locations.split("\\s*,\\s*"))
          .load()
          .migrate();
      return result.migrationsExecuted;
    } catch (FlywayValidateException e) {
      String message = String.valueOf(e.getMessage());
      if (!message.contains("checksum mismatch")) {
        throw e;
      }
      String which = message.lines().filter(l -> l.contains("checksum mismatch")).findFirst().orElse("").trim();
      throw new IllegalStateException("a migration already applied to " + url + " has changed since (" + which
          + "). Put the file back as it was and make the change in a new migration; "
          + (embeddedDir != null
              ? "or, if this development data can go, delete " + embeddedDir + " (or set VIVACE_DB_EMBEDDED_DIR)"
              : "or, for a development database only, drop and recreate it (or run flyway repair)"), e);
    }
  }
}
