/**
 * Vivace's reactive PostgreSQL layer: {@code Database}, {@code Sql}, keyset pages, typed failures
 * and eager loading. Only the API packages are exported; the packages named {@code impl} (the
 * connections, the embedded server, Flyway migrations, the problem mapper) are internal.
 *
 * <p>Flyway 11 ({@code org.flywaydb:flyway-core}) has no module descriptor and no
 * {@code Automatic-Module-Name}: it is the automatic module {@code flyway.core}, the name the JDK
 * derives from its file name; only {@code io.vivace.db.impl} uses it. Its PostgreSQL plugin, the
 * JDBC driver Flyway connects with are found at run time (automatic modules, resolved together
 * with {@code flyway.core}; Flyway loads its plugins with {@code ServiceLoader}). The embedded
 * PostgreSQL is the optional module {@code io.vivace.db.embedded} ({@code requires static}): an app
 * on the module path that wants it without {@code DATABASE_URL} adds
 * {@code --add-modules io.vivace.db.embedded}. An app's migrations ({@code classpath:db/migration}) are resources: in an app that
 * is itself a named module, {@code db.migration} is a package name, so that app opens it
 * ({@code opens db.migration;}) for Flyway to read them.
 */
module io.vivace.db {
  requires transitive io.vivace.core;
  requires transitive io.vertx.sql.client;
  requires io.vertx.sql.client.pg;
  requires io.netty.common;
  requires io.netty.transport;
  requires flyway.core;
  // The embedded PostgreSQL of development and tests (vivace-db-embedded): optional, looked up at run time.
  requires static io.vivace.db.embedded;
  requires org.slf4j;
  requires static io.vertx.codegen.api;

  exports io.vivace.db;
  exports io.vivace.db.eager;
  exports io.vivace.db.notify;

  // The typed failures as 404/409/422/503 problems at the web edge.
  provides io.vivace.problem.ProblemMapper with io.vivace.db.impl.DbProblemMapper;
  // The request-scoped slot of read-your-writes (read replicas), registered before Vert.x starts.
  provides io.vertx.core.spi.VertxServiceProvider with io.vivace.db.impl.DbLocals;
}
