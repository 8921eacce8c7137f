/**
 * The embedded PostgreSQL of development and tests: real binaries from Maven Central jars, run as a
 * child process. It depends on no other Vivace module; {@code io.vivace.db} starts it when an app
 * has no {@code DATABASE_URL}, this module is present and {@code VIVACE_PROFILE} is not
 * {@code prod}. Its only package is internal, exported to {@code io.vivace.db} alone. On the module
 * path, {@code io.vivace.db} requires it {@code static}, so an app that wants it there adds
 * {@code --add-modules io.vivace.db.embedded}. The binaries are read from their jars' roots, which
 * no module encapsulates.
 */
module io.vivace.db.embedded {
  requires org.apache.commons.compress;
  requires org.tukaani.xz;
  requires org.slf4j;

  exports io.vivace.db.embedded.impl to io.vivace.db;
}
