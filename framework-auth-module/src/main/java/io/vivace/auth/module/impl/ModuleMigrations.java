package io.vivace.auth.module.impl;

import io.vivace.db.DatabaseUrl;
import org.flywaydb.core.Flyway;

/**
 * The module's Flyway migrations: location {@code classpath:db/vivace-auth}, schema
 * {@code vivace_auth} (created when missing) with its own history table, so they are versioned
 * apart from the app's {@code db/migration} in {@code public}. Blocking: run it off the event loop.
 */
final class ModuleMigrations {
  static final String SCHEMA = "vivace_auth";
  static final String LOCATION = "classpath:db/vivace-auth";

  private ModuleMigrations() {
  }

  /** Applies pending migrations; returns how many ran. */
  static int migrate(DatabaseUrl url) {
    return Flyway.configure(ModuleMigrations.class.getClassLoader())
        .dataSource(url.jdbcUrl(), url.user(), url.password())
        .schemas(SCHEMA)
        .defaultSchema(SCHEMA)
        .table("flyway_schema_history")
        .locations(LOCATION)
        .load()
        .migrate()
        .migrationsExecuted;
  }
}
