package io.vivace.auth;

import io.vivace.auth.impl.JwtImpl;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;

/**
 * Issues and verifies JWT access tokens (RFC 7519) signed with one configured JWS algorithm
 * (RFC 7515/7518): HS256 with {@code JWT_SECRET}, or RS256/ES256 with PEM keys. Built on
 * java-jwt, whose verifier is immutable, reused for every request and thread-safe.
 *
 * <p>{@link #verify} rejects, with a 401 problem carrying {@code WWW-Authenticate: Bearer
 * error="invalid_token"} (RFC 6750 section 3.1): {@code alg: none} and any algorithm other than the
 * configured one (so an HS256 token signed with an RSA public key fails on an RS256 server), a bad
 * signature, a token past {@code exp} or before {@code nbf}/{@code iat} (allowing
 * {@link AuthOptions#clockSkew()}), a wrong {@code iss} or {@code aud}, a missing {@code sub} or
 * {@code exp}, and any malformed text. A token that verified is remembered per event loop (at most
 * {@link AuthOptions#verifiedCache()} entries, keyed by the whole token text, still checked
 * against {@code exp} on every use), so a client that sends the same token again costs a map
 * lookup.
 *
 * <p>RS256/ES256 keys: {@code JWT_PUBLIC_KEY} may hold several PEM keys (rotation); the first pairs
 * with {@code JWT_PRIVATE_KEY} and signs, every one verifies. Issued tokens carry the signing key's
 * {@code kid} (its RFC 7638 thumbprint) and a random {@code jti}; a token naming a {@code kid} that
 * is not one of the keys is refused. HS256 tokens carry no {@code kid} (a thumbprint of a
 * symmetric key would be a hash of the secret). Thread-safe; {@code verify} does no blocking work and may be called on the event loop.
 */
public interface Jwt {

  /** A JWT issuer/verifier on the system clock; the options are validated first. */
  static Jwt create(AuthOptions options) {
    return create(options, Clock.systemUTC());
  }

  /**
   * A JWT issuer/verifier on {@code clock} (tests drive time with their own clock).
   *
   * @throws io.vivace.config.ConfigException on missing or too-short key material
   */
  static Jwt create(AuthOptions options, Clock clock) {
    return new JwtImpl(options.validate(), clock);
  }

  /**
   * A signed access token for {@code subject}: {@code iss}, {@code aud}, {@code sub}, {@code iat},
   * {@code exp} (now + {@link AuthOptions#accessTtl()}), {@code roles}, {@code jti} (the one in
   * {@code extraClaims} when it has a String {@code jti}, else 128 random bits, base64url) and
   * {@code extraClaims}. RS256/ES256: the header's {@code kid} names the signing key.
   *
   * @throws IllegalStateException when configured to verify only (RS256/ES256 without a private key)
   */
  String issue(String subject, Collection<String> roles, Map<String, ?> extraClaims);

  /**
   * The user {@code token} (the compact JWS text, without {@code Bearer }) speaks for.
   *
   * @throws io.vivace.problem.ProblemException 401 with the invalid_token challenge when the token is not acceptable
   */
  AuthUser verify(String token);

  /**
   * The JWK Set document (RFC 7517 section 5) of every verification key, each with its {@code kid}
   * (RFC 7638 thumbprint), {@code use: sig} and {@code alg}: JSON text, built once. An HS256 server
   * publishes no key: {@code {"keys":[]}}.
   */
  String jwks();

  /** The options this was built from. */
  AuthOptions options();
}
