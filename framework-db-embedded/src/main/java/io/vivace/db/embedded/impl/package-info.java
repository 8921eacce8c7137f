/**
 * An embedded PostgreSQL server for development and tests: {@link io.vivace.db.embedded.impl.EmbeddedPostgres}
 * runs real PostgreSQL binaries, shipped in Maven Central jars, so a machine with only a JDK and
 * Maven has a database when no {@code DATABASE_URL} is configured.
 */
package io.vivace.db.embedded.impl;
