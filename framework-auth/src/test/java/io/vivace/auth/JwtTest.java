package io.vivace.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.vivace.config.Config;
import io.vivace.config.ConfigException;
import io.vivace.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issuing and verifying tokens, and every way a crafted token must be refused. */
class JwtTest {
  static final String SECRET = "0123456789abcdef0123456789abcdef-test-secret";
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  final MutableClock clock = new MutableClock(T0);
  final AuthOptions options = new AuthOptions().secret(SECRET).clockSkew(30).accessTtl(600);
  final Jwt jwt = Jwt.create(options, clock);

  static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  /** A token built by hand like an attacker would, with the same claims as a good one. */
  com.auth0.jwt.JWTCreator.Builder claims() {
    return JWT.create().withIssuer("vivace").withAudience("vivace").withSubject("42")
        .withIssuedAt(T0).withExpiresAt(T0.plusSeconds(600)).withClaim("roles", List.of("user"));
  }

  void refused(String token, String detail) {
    ProblemException e = assertThrows(ProblemException.class, () -> jwt.verify(token), token);
    assertEquals(401, e.status());
    assertEquals("Bearer error=\"invalid_token\"", e.headers().get("WWW-Authenticate"));
    if (detail != null) {
      assertEquals(detail, e.problem().detail(), token);
    }
  }

  @Test
  void issuedTokensVerifyWithTheirClaims() {
    String token = jwt.issue("42", List.of("user", "admin"), Map.of("email", "a@b.io"));
    AuthUser user = jwt.verify(token);
    assertEquals("42", user.id());
    assertEquals(42L, user.longId());
    assertEquals(Set.of("user", "admin"), user.roles());
    assertEquals("a@b.io", user.claims().get("email"));
    assertEquals("vivace", user.claims().get("iss"));
    assertEquals(T0.plusSeconds(600).getEpochSecond(), user.expiresAt());
    assertEquals("42", jwt.verify(claims().sign(Algorithm.HMAC256(SECRET))).id());
  }

  @Test
  void algNoneIsRefusedInEverySpelling() {
    String payload = b64("{\"iss\":\"vivace\",\"aud\":\"vivace\",\"sub\":\"42\",\"exp\":" + (T0.getEpochSecond() + 600) + "}");
    for (String alg : new String[] {"none", "None", "NONE", "nOnE"}) {
      String header = b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}");
      refused(header + "." + payload + ".", null);
      refused(header + "." + payload, null);
    }
    refused(JWT.create().withSubject("42").withIssuer("vivace").withAudience("vivace")
        .withExpiresAt(T0.plusSeconds(60)).sign(Algorithm.none()), "The token is not signed with HS256.");
  }

  @Test
  void otherAlgorithmsWithTheSameSecretAreRefused() {
    refused(claims().sign(Algorithm.HMAC384(SECRET)), "The token is not signed with HS256.");
    refused(claims().sign(Algorithm.HMAC512(SECRET)), "The token is not signed with HS256.");
  }

  @Test
  void rsaTokensOnAnHmacServerAndHmacTokensSignedWithTheRsaPublicKeyAreRefused() throws Exception {
    KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    String publicPem = pem("PUBLIC KEY", rsa.getPublic().getEncoded());
    refused(claims().sign(Algorithm.RSA256((RSAPublicKey) rsa.getPublic(), (RSAPrivateKey) rsa.getPrivate())),
        "The token is not signed with HS256.");

    Jwt rs = Jwt.create(new AuthOptions().algorithm(AuthOptions.Algorithm.RS256).publicKeyPem(publicPem)
        .privateKeyPem(pem("PRIVATE KEY", rsa.getPrivate().getEncoded())), clock);
    assertEquals("42", rs.verify(rs.issue("42", List.of(), Map.of())).id());
    assertEquals("42", rs.verify(claims().sign(Algorithm.RSA256((RSAPublicKey) rsa.getPublic(),
        (RSAPrivateKey) rsa.getPrivate()))).id());
    // The classic key confusion: the attacker knows the public key and signs HS256 with it.
    for (byte[] key : new byte[][] {publicPem.getBytes(StandardCharsets.UTF_8), rsa.getPublic().getEncoded()}) {
      String forged = claims().withClaim("roles", List.of("admin")).sign(Algorithm.HMAC256(key));
      ProblemException e = assertThrows(ProblemException.class, () -> rs.verify(forged));
      assertEquals("The token is not signed with RS256.", e.problem().detail());
    }
    KeyPair other = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    ProblemException e = assertThrows(ProblemException.class, () -> rs.verify(claims().sign(
        Algorithm.RSA256((RSAPublicKey) other.getPublic(), (RSAPrivateKey) other.getPrivate()))));
    assertEquals("The token's signature is invalid.", e.problem().detail());
  }

  @Test
  void es256WorksAndVerifyOnlyServersCannotIssue() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair ec = g.generateKeyPair();
    Jwt verifyOnly = Jwt.create(new AuthOptions().algorithm(AuthOptions.Algorithm.ES256)
        .publicKeyPem(pem("PUBLIC KEY", ec.getPublic().getEncoded())), clock);
    String token = claims().sign(Algorithm.ECDSA256((ECPublicKey) ec.getPublic(), (ECPrivateKey) ec.getPrivate()));
    assertEquals("42", verifyOnly.verify(token).id());
    assertThrows(IllegalStateException.class, () -> verifyOnly.issue("1", List.of(), Map.of()));
    ProblemException e = assertThrows(ProblemException.class, () -> verifyOnly.verify(jwt.issue("1", List.of(), Map.of())));
    assertEquals("The token is not signed with ES256.", e.problem().detail());
  }

  @Test
  void tamperedTokensAreRefused() {
    String token = jwt.issue("42", List.of("user"), Map.of());
    String[] parts = token.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    refused(parts[0] + "." + b64(payload.replace("\"user\"", "\"admin\"")) + "." + parts[2], "The token's signature is invalid.");
    refused(parts[0] + "." + b64(payload.replace("\"42\"", "\"1\"")) + "." + parts[2], "The token's signature is invalid.");
    char last = parts[2].charAt(0);
    refused(parts[0] + "." + parts[1] + "." + (last == 'A' ? 'B' : 'A') + parts[2].substring(1), "The token's signature is invalid.");
    refused(parts[0] + "." + parts[1] + ".", null);
    refused(claims().sign(Algorithm.HMAC256("another-secret-of-enough-length-0123456789")), "The token's signature is invalid.");
  }

  @Test
  void expiryAndNotBeforeHonourTheClockSkew() {
    String token = claims().sign(Algorithm.HMAC256(SECRET));
    clock.advance(Duration.ofSeconds(600 + 29));
    assertEquals("42", jwt.verify(token).id(), "within the skew");
    clock.advance(Duration.ofSeconds(2));
    refused(token, "The token has expired.");

    String early = claims().withNotBefore(T0.plusSeconds(3600)).withExpiresAt(T0.plusSeconds(7200)).sign(Algorithm.HMAC256(SECRET));
    refused(early, "The token is not valid yet.");
    clock.advance(Duration.ofSeconds(3600 - 631 - 29));
    assertEquals("42", jwt.verify(early).id(), "nbf within the skew");
    String issuedLater = claims().withIssuedAt(clock.instant().plusSeconds(300)).withExpiresAt(clock.instant().plusSeconds(900))
        .sign(Algorithm.HMAC256(SECRET));
    refused(issuedLater, "The token is not valid yet.");
  }

  @Test
  void wrongIssuerAudienceAndMissingClaimsAreRefused() {
    Algorithm hs = Algorithm.HMAC256(SECRET);
    refused(claims().withIssuer("evil").sign(hs), "The token's issuer is not accepted.");
    refused(claims().withAudience("other-app").sign(hs), "The token's audience is not accepted.");
    refused(JWT.create().withAudience("vivace").withSubject("42").withExpiresAt(T0.plusSeconds(60)).sign(hs), null);
    refused(JWT.create().withIssuer("vivace").withSubject("42").withExpiresAt(T0.plusSeconds(60)).sign(hs), null);
    refused(JWT.create().withIssuer("vivace").withAudience("vivace").withExpiresAt(T0.plusSeconds(60)).sign(hs), "The token has no sub claim.");
    refused(JWT.create().withIssuer("vivace").withAudience("vivace").withSubject("42").sign(hs), "The token has no exp claim.");
    refused(claims().withClaim("exp", "tomorrow").sign(hs), null);
  }

  /** A token signed with the server's secret over exactly these header and payload bytes. */
  static String signed(String header, String payload) throws Exception {
    String input = b64(header) + "." + b64(payload);
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] sig = mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
  }

  static final String CLAIMS = "\"iss\":\"vivace\",\"aud\":\"vivace\",\"sub\":\"42\",\"exp\":"
      + (T0.getEpochSecond() + 600);

  @Test
  void critExtensionsUnencodedPayloadsAndDuplicatesAreRefused() throws Exception {
    String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    assertEquals("42", jwt.verify(signed(header, "{" + CLAIMS + "}")).id(), "the hand-made token itself is good");
    refused(signed("{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}", "{" + CLAIMS + "}"),
        "The token names critical extensions this server does not understand.");
    refused(signed("{\"alg\":\"HS256\",\"crit\":[\"urn:example:unknown\"],\"urn:example:unknown\":true}", "{" + CLAIMS + "}"),
        "The token names critical extensions this server does not understand.");
    refused(signed("{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}", "{" + CLAIMS + "}"), null);
    refused(signed("{\"alg\":\"HS256\",\"b64\":false}", "{" + CLAIMS + "}"),
        "The token's payload is not base64url-encoded (b64) and is not accepted.");
    refused(signed(header, "{" + CLAIMS + ",\"sub\":\"1\"}"), "The token names a claim twice.");
    refused(signed(header, "{" + CLAIMS + ",\"roles\":[\"user\"],\"roles\":[\"admin\"]}"), "The token names a claim twice.");
    refused(signed(header, "{" + CLAIMS + ",\"org\":{\"id\":1,\"id\":2}}"), "The token names a claim twice.");
    refused(signed("{\"alg\":\"HS256\",\"alg\":\"HS256\"}", "{" + CLAIMS + "}"), "The token's header names a parameter twice.");
    assertEquals("42", jwt.verify(signed("{\"alg\":\"HS256\",\"b64\":true}", "{" + CLAIMS + "}")).id(), "b64 true is the default");
  }

  @Test
  void garbageOfEveryShapeIsA401NeverACrash() {
    String good = jwt.issue("42", List.of(), Map.of());
    String[] parts = good.split("\\.");
    String[] garbage = {
        "", "a", ".", "..", "...", "a.b", "a.b.c", "a.b.c.d", good + ".x", good + "x", " " + good,
        "eyJ.eyJ.sig", "!!!.@@@.###", "\u0000\u0001.\u0002.\u0003", "ÿÿÿ.ÿÿÿ.ÿÿÿ",
        b64("[1,2,3]") + "." + parts[1] + "." + parts[2],
        b64("\"HS256\"") + "." + parts[1] + "." + parts[2],
        b64("{\"alg\":\"HS256\"") + "." + parts[1] + "." + parts[2],
        b64("{}") + "." + parts[1] + "." + parts[2],
        b64("{\"alg\":123}") + "." + parts[1] + "." + parts[2],
        parts[0] + "." + b64("not json") + "." + parts[2],
        parts[0] + "." + b64("[]") + "." + parts[2],
        parts[0] + "." + b64("{\"exp\":{\"deep\":[[[[]]]]}}") + "." + parts[2],
        parts[0] + "." + parts[1] + "." + "%%%%",
        parts[0] + ".." + parts[2],
        "x".repeat(10_000),
        good.replace('.', ','),
    };
    for (String g : garbage) {
      refused(g, null);
    }
    refused(null, "The token is malformed.");
  }

  @Test
  void secretsAreRequiredAndLongEnough() {
    ConfigException missing = assertThrows(ConfigException.class, () -> AuthOptions.fromEnvironment(config(Map.of())));
    assertTrue(missing.getMessage().startsWith("JWT_SECRET is not set"), missing.getMessage());
    ConfigException shortOne = assertThrows(ConfigException.class,
        () -> AuthOptions.fromEnvironment(config(Map.of("JWT_SECRET", "short"))));
    assertTrue(shortOne.getMessage().startsWith("JWT_SECRET is too short: 5 bytes"), shortOne.getMessage());
    ConfigException alg = assertThrows(ConfigException.class,
        () -> AuthOptions.fromEnvironment(config(Map.of("JWT_SECRET", SECRET, "JWT_ALGORITHM", "none"))));
    assertTrue(alg.getMessage().contains("JWT_ALGORITHM"), alg.getMessage());
    ConfigException rs = assertThrows(ConfigException.class,
        () -> AuthOptions.fromEnvironment(config(Map.of("JWT_ALGORITHM", "RS256"))));
    assertTrue(rs.getMessage().startsWith("JWT_PUBLIC_KEY is not set"), rs.getMessage());
    ConfigException badPem = assertThrows(ConfigException.class, () -> Jwt.create(new AuthOptions()
        .algorithm(AuthOptions.Algorithm.RS256).publicKeyPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")));
    assertTrue(badPem.getMessage().startsWith("JWT_PUBLIC_KEY: expected a PEM RSA public key"), badPem.getMessage());

    ConfigException argon = assertThrows(ConfigException.class, () -> AuthOptions.fromEnvironment(
        config(Map.of("JWT_SECRET", SECRET, "ARGON2_MEMORY_KIB", "16", "ARGON2_PARALLELISM", "4"))));
    assertTrue(argon.getMessage().startsWith("ARGON2_MEMORY_KIB (16) must be at least 8 KiB per lane"), argon.getMessage());

    AuthOptions dev = AuthOptions.fromEnvironment(config(Map.of("AUTH_DEV_MODE", "true")));
    assertTrue(dev.secret().length() >= AuthOptions.MIN_SECRET_BYTES, "dev mode makes a random secret");
    assertTrue(!dev.secret().equals(AuthOptions.fromEnvironment(config(Map.of("AUTH_DEV_MODE", "true"))).secret()));
    assertEquals(SECRET, AuthOptions.fromEnvironment(config(Map.of("JWT_SECRET", SECRET))).secret());
  }

  static Config config(Map<String, String> env) {
    return new Config(env, new Properties());
  }
}
