/**
 * Vivace's mountable accounts module (signup, login, refresh, logout, me) on the database, and
 * login throttling. Only the API packages are exported; {@code io.vivace.auth.module.impl} is
 * internal. The module's Flyway migrations live in {@code db/vivace-auth}, not a package name, so
 * Flyway reads them without an {@code opens}.
 */
module io.vivace.auth.module {
  requires transitive io.vivace.core;
  requires transitive io.vivace.auth;
  requires transitive io.vivace.db;
  requires transitive io.vivace.cache;
  requires com.github.benmanes.caffeine;
  requires lettuce.core;
  requires flyway.core;
  requires jakarta.mail;
  requires io.netty.common;
  requires org.slf4j;
  requires static io.vertx.codegen.api;
  // @javax.annotation.processing.Generated on the DSL-JSON converters (public classes of the exported
  // packages); source retention, so compile time only.
  requires static transitive java.compiler;

  exports io.vivace.auth.module;
  exports io.vivace.auth.throttle;
}
