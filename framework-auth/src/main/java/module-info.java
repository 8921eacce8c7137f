/**
 * Vivace's token verifier: JWT bearer authentication, user and role extractors, Argon2id password
 * hashing. Only {@code io.vivace.auth} is exported; {@code io.vivace.auth.impl} is internal, and
 * shared with the accounts module ({@code io.vivace.auth.module}) alone, for its RFC 6750 answers.
 */
@SuppressWarnings("module") // io.vivace.auth.module is built after this module
module io.vivace.auth {
  requires transitive io.vivace.core;
  requires com.auth0.jwt;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires org.bouncycastle.provider;
  requires io.netty.common;
  requires org.slf4j;
  requires static io.vertx.codegen.api;

  exports io.vivace.auth;
  exports io.vivace.auth.impl to io.vivace.auth.module;
}
