package io.vivace.auth.impl;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.Context;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.AuthUser;
import io.vivace.auth.Jwt;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link Jwt} on java-jwt: one algorithm and one verifier, built once. Thread-safe. */
public final class JwtImpl implements Jwt {
  /** Longer tokens are refused before any parsing. */
  static final int MAX_TOKEN_LENGTH = 8192;

  private final AuthOptions options;
  private final Clock clock;
  private final Algorithm algorithm;
  private final Keys.KeySet keys;
  private final JWTVerifier verifier;
  /** The external provider's keys, or null. */
  private final ExternalKeys external;
  /** The deny-list of revoked {@code jti}s, or null (then nothing is checked). Set before the app starts. */
  private volatile io.vivace.auth.TokenDenyList denyList;
  private final java.security.SecureRandom random = new java.security.SecureRandom();
  private final int cacheSize;
  private final FastThreadLocal<Map<String, AuthUser>> verified = new FastThreadLocal<>() {
    @Override
    protected Map<String, AuthUser> initialValue() {
      return new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AuthUser> eldest) {
          return size() > cacheSize;
        }
      };
    }
  };

  public JwtImpl(AuthOptions options, Clock clock) {
    this.options = options;
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
    this.keys = Keys.keySet(options);
    this.algorithm = keys.algorithm();
    this.external = options.externalIssuer() == null ? null : new ExternalKeys(options.externalIssuer(), options, clock);
    this.cacheSize = options.verifiedCache();
    this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm)
        .withIssuer(options.issuer())
        .withAudience(options.audience())
        .withClaimPresence("sub")
        .withClaimPresence("exp")
        .acceptLeeway(options.clockSkew()))
        .build(clock);
  }

  @Override
  public AuthOptions options() {
    return options;
  }

  @Override
  public String issue(String subject, Collection<String> roles, Map<String, ?> extraClaims) {
    java.util.Objects.requireNonNull(subject, "subject");
    if (options.algorithm() != AuthOptions.Algorithm.HS256 && options.privateKeyPem() == null) {
      throw new IllegalStateException("this server only verifies tokens: " + options.algorithm() + " needs JWT_PRIVATE_KEY to issue them");
    }
    Instant now = clock.instant();
    JWTCreator.Builder b = JWT.create();
    if (extraClaims != null && !extraClaims.isEmpty()) {
      b.withPayload(extraClaims);
    }
    b.withIssuer(options.issuer())
        .withAudience(options.audience())
        .withSubject(subject)
        .withIssuedAt(now)
        .withExpiresAt(now.plusSeconds(options.accessTtl()))
        .withClaim("roles", new ArrayList<>(roles == null ? List.of() : roles))
        .withJWTId(extraClaims != null && extraClaims.get("jti") instanceof String given ? given : jti());
    return b.sign(algorithm); // RS256/ES256: the kid header is the signing key's (Keys)
  }

  /** A fresh token id: 128 random bits, base64url (22 characters). */
  private String jti() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  @Override
  public String jwks() {
    return keys.jwks();
  }

  /** The kid of the signing key, or null for HS256. */
  public String signingKeyId() {
    return keys.signingKid();
  }

  /** The external provider's keys, or null when none is configured. */
  public ExternalKeys external() {
    return external;
  }

  /** Checks every verified token's {@code jti} against {@code list} (null: none). Called before the app starts. */
  public void denyList(io.vivace.auth.TokenDenyList list) {
    this.denyList = list;
  }

  @Override
  public AuthUser verify(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      throw BearerProblems.invalid("The token is malformed.");
    }
    boolean cached = cacheSize > 0 && Context.isOnEventLoopThread();
    if (cached) {
      AuthUser user = verified.get().get(token);
      if (user != null) {
        if (clock.millis() / 1000 <= user.expiresAt() + options.clockSkew()) {
          return notRevoked(user);
        }
        verified.get().remove(token);
        throw BearerProblems.invalid("The token has expired.");
      }
    }
    AuthUser user = user(decode(token));
    if (cached) {
      verified.get().put(token, user);
    }
    return notRevoked(user);
  }

  /** {@code user}, unless its token's {@code jti} is on the deny-list (one in-memory lookup). */
  private AuthUser notRevoked(AuthUser user) {
    io.vivace.auth.TokenDenyList d = denyList;
    if (d != null) {
      String jti = user.jti();
      if (jti != null && d.denied(jti)) {
        throw BearerProblems.revoked();
      }
    }
    return user;
  }

  private DecodedJWT decode(String token) {
    DecodedJWT jwt = verified(token);
    String violation = StrictJose.violation(jwt);
    if (violation != null) {
      throw BearerProblems.invalid(violation);
    }
    return jwt;
  }

  private DecodedJWT verified(String token) {
    DecodedJWT decoded;
    try {
      decoded = JWT.decode(token);
    } catch (RuntimeException e) {
      throw BearerProblems.invalid("The token is malformed.");
    }
    ExternalKeys ext = external;
    boolean foreign = ext != null && ext.issuer().equals(decoded.getIssuer());
    try {
      return foreign ? ext.verify(decoded) : verifier.verify(decoded);
    } catch (SignatureVerificationException e) {
      String kid = decoded.getKeyId();
      if (foreign && !ext.knows(kid)) {
        ext.refreshSoon(); // rate-limited; this token is refused meanwhile
        throw BearerProblems.invalid("The token's key (kid) is not known (yet); its issuer's keys are being refreshed.");
      }
      if (!foreign && kid != null && !keys.keys().isEmpty() && !keys.keys().containsKey(kid)) {
        throw BearerProblems.invalid("The token's key (kid) is not one of this server's keys.");
      }
      throw BearerProblems.invalid("The token's signature is invalid.");
    } catch (TokenExpiredException e) {
      throw BearerProblems.invalid("The token has expired.");
    } catch (AlgorithmMismatchException e) {
      throw BearerProblems.invalid("The token is not signed with " + options.algorithm() + ".");
    } catch (MissingClaimException e) {
      throw BearerProblems.invalid("The token has no " + e.getClaimName() + " claim.");
    } catch (IncorrectClaimException e) {
      throw BearerProblems.invalid(claimDetail(e.getClaimName()));
    } catch (JWTDecodeException e) {
      throw BearerProblems.invalid("The token is malformed.");
    } catch (RuntimeException e) { // any other shape of garbage: still the client's token, never a 500
      throw BearerProblems.invalid("The token is invalid.");
    }
  }

  private static String claimDetail(String claim) {
    switch (claim) {
      case "nbf":
      case "iat":
        return "The token is not valid yet.";
      case "iss":
        return "The token's issuer is not accepted.";
      case "aud":
        return "The token's audience is not accepted.";
      default:
        return "The token's " + claim + " claim is not accepted.";
    }
  }

  private static AuthUser user(DecodedJWT jwt) {
    Map<String, Claim> raw = jwt.getClaims();
    Map<String, Object> claims = new LinkedHashMap<>(raw.size() * 2);
    for (Map.Entry<String, Claim> e : raw.entrySet()) {
      Object value = e.getValue().as(Object.class);
      if (value != null) {
        claims.put(e.getKey(), value);
      }
    }
    Set<String> roles = Set.of();
    Object list = claims.get("roles");
    if (list instanceof List) {
      java.util.HashSet<String> r = new java.util.HashSet<>();
      for (Object o : (List<?>) list) {
        if (o instanceof String) {
          r.add((String) o);
        }
      }
      roles = r;
    }
    return new AuthUser(jwt.getSubject(), roles, claims, jwt.getExpiresAtAsInstant().getEpochSecond());
  }
}
