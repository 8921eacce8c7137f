package io.vivace.auth;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * An app that only verifies tokens depends on vivace-auth alone: this module's test class path is
 * its dependency tree, and it holds no PostgreSQL client, Flyway, embedded PostgreSQL binaries,
 * Redis client or accounts module (those come with vivace-auth-module).
 */
class VerifyOnlyDependenciesTest {
  @Test
  void theVerifierPullsInNoDatabaseFlywayOrRedis() {
    for (String name : new String[] {
        "io.vertx.pgclient.PgConnection",          // io.vertx:vertx-pg-client
        "io.vertx.sqlclient.Pool",                 // io.vertx:vertx-sql-client
        "org.flywaydb.core.Flyway",                // org.flywaydb:flyway-core
        "io.vivace.db.Database",                   // io.vivace:vivace-db
        "io.vivace.db.embedded.impl.EmbeddedPostgres",
        "io.lettuce.core.RedisClient",             // io.lettuce:lettuce-core
        "io.vivace.cache.Caches",                  // io.vivace:vivace-cache
        "io.vivace.auth.module.AuthModule"}) {     // io.vivace:vivace-auth-module
      assertThrows(ClassNotFoundException.class, () -> Class.forName(name, false, getClass().getClassLoader()), name);
    }
    ClassLoader loader = getClass().getClassLoader();
    for (String archive : new String[] {"postgres-linux-x86_64.txz", "postgres-linux-arm_64.txz"}) {
      if (loader.getResource(archive) != null) {
        throw new AssertionError("embedded PostgreSQL binaries on the class path: " + archive);
      }
    }
  }
}
