package io.vivace.db.impl;

import io.vivace.db.DatabaseUrl;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Flyway migrations over JDBC. Blocking: run it off the event loop. */
final class Migrations {
  private Migrations() {
  }

  /** Applies pending migrations from {@code locations}; returns how many were applied. */
  static int migrate(DatabaseUrl url, String locations) {
    MigrateResult result = Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(url.jdbcUrl(), url.user(), url.password())
        .locations(locations.split("\\s*,\\s*"))
        .load()
        .migrate();
    return result.migrationsExecuted;
  }
}
