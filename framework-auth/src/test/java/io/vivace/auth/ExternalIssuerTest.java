package io.vivace.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vivace.auth.impl.Jwks;
import io.vivace.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tokens of an external OpenID provider, verified with the keys of its JWK Set served by a real
 * HTTP server on loopback that the test starts: cached keys, unknown kid → a rate-limited refresh,
 * {@code iss} and {@code aud} checked. Time is a clock moved by hand.
 */
class ExternalIssuerTest {
  static final String ISSUER = "https://idp.example.test";
  static final MutableClock clock = new MutableClock(Instant.now());
  static Vertx vertx;
  static HttpServer jwksServer;
  static final AtomicReference<String> document = new AtomicReference<>();
  static final AtomicInteger served = new AtomicInteger();
  static KeyPair a;
  static KeyPair b;
  static KeyPair e;
  static TestServer server;
  static Auth auth;

  static String jwk(java.security.PublicKey k, String kid) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    if (k instanceof RSAPublicKey r) {
      return "{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"use\":\"sig\",\"n\":\"" + b64.encodeToString(unsigned(r.getModulus()))
          + "\",\"e\":\"" + b64.encodeToString(unsigned(r.getPublicExponent())) + "\"}";
    }
    java.security.interfaces.ECPublicKey ec = (java.security.interfaces.ECPublicKey) k;
    return "{\"kty\":\"EC\",\"kid\":\"" + kid + "\",\"crv\":\"P-256\",\"x\":\"" + b64.encodeToString(fixed(ec.getW().getAffineX()))
        + "\",\"y\":\"" + b64.encodeToString(fixed(ec.getW().getAffineY())) + "\"}";
  }

  static byte[] unsigned(java.math.BigInteger v) {
    byte[] x = v.toByteArray();
    return x[0] == 0 ? java.util.Arrays.copyOfRange(x, 1, x.length) : x;
  }

  static byte[] fixed(java.math.BigInteger v) {
    byte[] x = unsigned(v);
    byte[] out = new byte[32];
    System.arraycopy(x, 0, out, 32 - x.length, x.length);
    return out;
  }

  @BeforeAll
  static void start() throws Exception {
    a = KeyRotationTest.rsa();
    b = KeyRotationTest.rsa();
    e = KeyRotationTest.ec();
    document.set("{\"keys\":[" + jwk(a.getPublic(), "a") + "," + jwk(e.getPublic(), "e")
        + ",{\"kty\":\"oct\",\"kid\":\"hmac\",\"k\":\"c2VjcmV0\"}]}");
    vertx = Vertx.vertx();
    jwksServer = vertx.createHttpServer().requestHandler(req -> {
      served.incrementAndGet();
      req.response().putHeader("Content-Type", "application/jwk-set+json").end(document.get());
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    ExternalIssuerOptions external = ExternalIssuerOptions.of("http://127.0.0.1:" + jwksServer.actualPort() + "/jwks", ISSUER)
        .audience("api://blog").minInterval(30);
    server = TestServer.start(app -> {
      auth = Auth.attach(app, new AuthOptions().secret(JwtTest.SECRET).externalIssuer(external), clock);
      app.get("/me", auth.user(), u -> u.id() + " " + u.claims().get("iss"));
      app.get("/issue", () -> auth.jwt().issue("local", java.util.List.of(), java.util.Map.of()));
    });
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static String token(KeyPair k, String kid, String iss, String aud, long ttl) {
    Instant now = clock.instant();
    com.auth0.jwt.JWTCreator.Builder t = JWT.create().withKeyId(kid).withIssuer(iss).withAudience(aud).withSubject("ext-1")
        .withIssuedAt(now).withExpiresAt(now.plusSeconds(ttl));
    return k.getPrivate() instanceof RSAPrivateKey r ? t.sign(Algorithm.RSA256(null, r))
        : t.sign(Algorithm.ECDSA256(null, (ECPrivateKey) k.getPrivate()));
  }

  static HttpResponse<String> me(String token) {
    return server.send(HttpRequest.newBuilder(server.uri("/me")).header("Authorization", "Bearer " + token));
  }

  static String detail(HttpResponse<String> r) {
    assertEquals(401, r.statusCode(), r.body());
    assertEquals("Bearer error=\"invalid_token\"", r.headers().firstValue("www-authenticate").orElse(null));
    return (String) io.vivace.testing.JsonTree.object(r.body()).get("detail");
  }

  @Test
  void tokensOfTheProviderAndOfThisServerBothVerify() {
    HttpResponse<String> r = me(token(a, "a", ISSUER, "api://blog", 300));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("ext-1 " + ISSUER, r.body());
    HttpResponse<String> es = me(token(e, "e", ISSUER, "api://blog", 300));
    assertEquals(200, es.statusCode(), "ES256 keys too: " + es.body());
    String local = server.get("/issue").body();
    assertEquals("local vivace", me(local).body(), "the server's own HS256 tokens still verify");
  }

  @Test
  void issuerAudienceExpiryAndSignatureAreChecked() throws Exception {
    assertEquals("The token's audience is not accepted.", detail(me(token(a, "a", ISSUER, "someone-else", 300))));
    // Another issuer is not the provider: checked as this server's own token, and refused.
    assertEquals(401, me(token(a, "a", "https://evil.example.test", "api://blog", 300)).statusCode());
    String expired = token(a, "a", ISSUER, "api://blog", 1);
    clock.advance(Duration.ofSeconds(120));
    assertEquals("The token has expired.", detail(me(expired)));
    // The provider's kid, another key's signature.
    assertEquals("The token's signature is invalid.", detail(me(token(KeyRotationTest.rsa(), "a", ISSUER, "api://blog", 300))));
    // A symmetric key in the set is never used: the kid stays unknown.
    assertTrue(detail(me(token(a, "hmac", ISSUER, "api://blog", 300))).startsWith("The token's key (kid) is not known"));
  }

  @Test
  void anUnknownKidRefreshesTheKeysAtMostOncePerInterval() throws Exception {
    clock.advance(Duration.ofSeconds(60)); // past any earlier test's fetch
    awaitServed(((io.vivace.auth.impl.JwtImpl) auth.jwt()).external().fetches()); // none still on its way
    int before = served.get();
    String rotated = token(b, "b", ISSUER, "api://blog", 3600);
    assertTrue(detail(me(rotated)).startsWith("The token's key (kid) is not known"), "b is not published yet");
    awaitServed(before + 1);
    // The provider publishes b; within the interval nothing is fetched, however many tokens ask.
    document.set("{\"keys\":[" + jwk(a.getPublic(), "a") + "," + jwk(e.getPublic(), "e") + "," + jwk(b.getPublic(), "b") + "]}");
    for (int i = 0; i < 5; i++) {
      assertEquals(401, me(token(b, "b", ISSUER, "api://blog", 3600)).statusCode());
    }
    assertEquals(before + 1, served.get(), "rate-limited");
    clock.advance(Duration.ofSeconds(31));
    me(rotated); // asks for the refresh
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    HttpResponse<String> r;
    while ((r = me(rotated)).statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(before + 2, served.get());
    assertEquals(Jwks.thumbprint(b.getPublic()).length(), 43);
  }

  static void awaitServed(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (served.get() < n && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(n, served.get());
  }
}
