package io.vivace.auth.impl;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.ECDSAKeyProvider;
import com.auth0.jwt.interfaces.RSAKeyProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vivace.auth.AuthOptions;
import io.vivace.auth.ExternalIssuerOptions;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of an external OpenID provider (its JWK Set, RFC 7517), cached in memory and replaced
 * whole by each fetch: at start, every {@link ExternalIssuerOptions#refresh()} seconds, and when a
 * token names an unknown {@code kid}, at most once per {@link ExternalIssuerOptions#minInterval()}
 * seconds on the auth clock. Fetches are asynchronous (Vert.x HTTP client); verifying never waits
 * for one. Tokens are checked for RS256/ES256 signatures, {@code iss}, {@code aud}, {@code sub},
 * {@code exp}. Thread-safe.
 */
public final class ExternalKeys {
  private static final Logger LOG = LoggerFactory.getLogger(ExternalKeys.class);

  private final ExternalIssuerOptions options;
  private final Clock clock;
  private final JWTVerifier rs256;
  private final JWTVerifier es256;
  private volatile Map<String, PublicKey> keys = Map.of();
  /** Clock millis of the last fetch started. */
  private final AtomicLong lastFetch = new AtomicLong(Long.MIN_VALUE / 2);
  private final AtomicInteger fetches = new AtomicInteger();
  private volatile HttpClient client;
  private volatile Vertx vertx;
  private volatile long timer = -1;

  ExternalKeys(ExternalIssuerOptions options, AuthOptions auth, Clock clock) {
    this.options = options;
    this.clock = clock;
    String audience = options.audience() != null ? options.audience() : auth.audience();
    this.rs256 = verifier(Algorithm.RSA256(new RSAKeyProvider() {
      @Override
      public RSAPublicKey getPublicKeyById(String kid) {
        return keys.get(kid) instanceof RSAPublicKey k ? k : null;
      }

      @Override
      public RSAPrivateKey getPrivateKey() {
        return null;
      }

      @Override
      public String getPrivateKeyId() {
        return null;
      }
    }), audience, auth, clock);
    this.es256 = verifier(Algorithm.ECDSA256(new ECDSAKeyProvider() {
      @Override
      public ECPublicKey getPublicKeyById(String kid) {
        return keys.get(kid) instanceof ECPublicKey k ? k : null;
      }

      @Override
      public ECPrivateKey getPrivateKey() {
        return null;
      }

      @Override
      public String getPrivateKeyId() {
        return null;
      }
    }), audience, auth, clock);
  }

  private JWTVerifier verifier(Algorithm algorithm, String audience, AuthOptions auth, Clock clock) {
    return ((JWTVerifier.BaseVerification) JWT.require(algorithm)
        .withIssuer(options.issuer())
        .withAudience(audience)
        .withClaimPresence("sub")
        .withClaimPresence("exp")
        .acceptLeeway(auth.clockSkew()))
        .build(clock);
  }

  /** The provider's {@code iss}. */
  String issuer() {
    return options.issuer();
  }

  /** Verifies a decoded token of this provider (java-jwt's exceptions on refusal). */
  DecodedJWT verify(DecodedJWT jwt) {
    return ("ES256".equals(jwt.getAlgorithm()) ? es256 : rs256).verify(jwt);
  }

  /** Whether {@code kid} is one of the cached keys. */
  boolean knows(String kid) {
    return kid != null && keys.containsKey(kid);
  }

  /** How many fetches were started (tests, logs). */
  public int fetches() {
    return fetches.get();
  }

  /** Starts the HTTP client, the first fetch (a failure is logged, not fatal) and the periodic refresh. */
  public Future<Void> start(Vertx vertx) {
    this.vertx = vertx;
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(10_000).setIdleTimeout(30));
    this.timer = vertx.setPeriodic(options.refresh() * 1000, id -> fetch());
    return fetch().otherwiseEmpty().mapEmpty();
  }

  /** Stops the refresh and closes the client. */
  public Future<Void> stop() {
    Vertx v = vertx;
    if (v != null) {
      v.cancelTimer(timer);
    }
    HttpClient c = client;
    return c == null ? Future.succeededFuture() : c.close();
  }

  /** A fetch for a token's unknown {@code kid}, unless one started less than the minimum interval ago (on the clock). */
  void refreshSoon() {
    long now = clock.millis();
    long last = lastFetch.get();
    if (client != null && now - last >= options.minInterval() * 1000 && lastFetch.compareAndSet(last, now)) {
      fetch();
    }
  }

  /** One fetch of the JWK Set; on success the cache is replaced. */
  Future<Integer> fetch() {
    HttpClient c = client;
    if (c == null) {
      return Future.failedFuture("not started");
    }
    lastFetch.set(clock.millis());
    fetches.incrementAndGet();
    return c.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(options.url()).setTimeout(10_000)
            .addHeader("Accept", "application/jwk-set+json, application/json"))
        .compose(req -> req.send().compose(resp -> {
          if (resp.statusCode() != 200) {
            return Future.failedFuture("HTTP " + resp.statusCode());
          }
          String length = resp.getHeader("Content-Length");
          if (length != null && length.length() > 9 || length != null && Long.parseLong(length) > ExternalIssuerOptions.MAX_DOCUMENT_BYTES) {
            return Future.failedFuture("the document is over " + ExternalIssuerOptions.MAX_DOCUMENT_BYTES + " bytes");
          }
          return resp.body();
        }))
        .map(body -> {
          if (body.length() > ExternalIssuerOptions.MAX_DOCUMENT_BYTES) {
            throw new IllegalArgumentException("the document is over " + ExternalIssuerOptions.MAX_DOCUMENT_BYTES + " bytes");
          }
          Map<String, PublicKey> fresh = Map.copyOf(Jwks.parse(body.getBytes()));
          keys = fresh;
          return fresh.size();
        })
        .onSuccess(n -> LOG.debug("Keys of {}: {} from {}", options.issuer(), n, options.url()))
        .onFailure(e -> LOG.warn("Fetching the keys of {} from {} failed: {}", options.issuer(), options.url(), e.getMessage()));
  }
}
