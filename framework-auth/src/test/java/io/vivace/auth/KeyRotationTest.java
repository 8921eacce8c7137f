package io.vivace.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.vivace.auth.impl.Jwks;
import io.vivace.config.ConfigException;
import io.vivace.problem.ProblemException;
import io.vivace.testing.JsonTree;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RS256 and ES256 keys: the kid (RFC 7638), the JWK Set (RFC 7517), several keys for rotation, unknown kids, jti. */
class KeyRotationTest {
  final MutableClock clock = new MutableClock(JwtTest.T0);

  static KeyPair rsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  static String pub(KeyPair k) {
    return JwtTest.pem("PUBLIC KEY", k.getPublic().getEncoded());
  }

  static String priv(KeyPair k) {
    return JwtTest.pem("PRIVATE KEY", k.getPrivate().getEncoded());
  }

  Jwt jwt(AuthOptions.Algorithm alg, String publicPems, KeyPair signing) {
    return Jwt.create(new AuthOptions().algorithm(alg).publicKeyPem(publicPems)
        .privateKeyPem(signing == null ? null : priv(signing)).accessTtl(600), clock);
  }

  static String kid(String token) {
    return JWT.decode(token).getKeyId();
  }

  @Test
  void thumbprintIsRfc7638sExample() {
    String set = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"2011-04-29\",\"e\":\"AQAB\",\"n\":\""
        + "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn6"
        + "4tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n9"
        + "1CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\"}]}";
    Map<String, java.security.PublicKey> keys = JwksAccess.parse(set);
    assertEquals("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", Jwks.thumbprint(keys.get("2011-04-29")));
  }

  @Test
  void rs256TokensCarryTheKidThatTheJwkSetPublishes() throws Exception {
    KeyPair k = rsa();
    Jwt jwt = jwt(AuthOptions.Algorithm.RS256, pub(k), k);
    String token = jwt.issue("7", List.of("user"), Map.of());
    assertEquals(Jwks.thumbprint(k.getPublic()), kid(token));
    Map<String, Object> set = JsonTree.object(jwt.jwks());
    List<?> keys = (List<?>) set.get("keys");
    assertEquals(1, keys.size());
    Map<?, ?> jwk = (Map<?, ?>) keys.get(0);
    assertEquals("RSA", jwk.get("kty"));
    assertEquals("RS256", jwk.get("alg"));
    assertEquals("sig", jwk.get("use"));
    assertEquals(kid(token), jwk.get("kid"));
    assertTrue(!jwk.containsKey("d") && !jwk.containsKey("p"), "no private member: " + jwk);
    // A third party verifies the token with the published key alone.
    RSAPublicKey published = (RSAPublicKey) JwksAccess.parse(jwt.jwks()).get(kid(token));
    assertEquals(((RSAPublicKey) k.getPublic()).getModulus(), published.getModulus());
    ((com.auth0.jwt.JWTVerifier.BaseVerification) JWT.require(Algorithm.RSA256(published, null))).build(clock).verify(token);
    assertEquals("7", jwt.verify(token).id());
  }

  @Test
  void es256TokensCarryTheKidThatTheJwkSetPublishes() throws Exception {
    KeyPair k = ec();
    Jwt jwt = jwt(AuthOptions.Algorithm.ES256, pub(k), k);
    String token = jwt.issue("8", List.of(), Map.of());
    assertEquals(Jwks.thumbprint(k.getPublic()), kid(token));
    Map<?, ?> jwk = (Map<?, ?>) ((List<?>) JsonTree.object(jwt.jwks()).get("keys")).get(0);
    assertEquals("EC", jwk.get("kty"));
    assertEquals("P-256", jwk.get("crv"));
    assertEquals("ES256", jwk.get("alg"));
    assertEquals(43, ((String) jwk.get("x")).length(), "32 bytes, base64url");
    ECPublicKey published = (ECPublicKey) JwksAccess.parse(jwt.jwks()).get(kid(token));
    ((com.auth0.jwt.JWTVerifier.BaseVerification) JWT.require(Algorithm.ECDSA256(published, null))).build(clock).verify(token);
    assertEquals("8", jwt.verify(token).id());
  }

  @Test
  void rotationTheNewestSignsAndEveryKeyVerifies() throws Exception {
    KeyPair old = rsa();
    KeyPair fresh = rsa();
    Jwt before = jwt(AuthOptions.Algorithm.RS256, pub(old), old);
    String oldToken = before.issue("1", List.of(), Map.of());
    Jwt after = jwt(AuthOptions.Algorithm.RS256, pub(fresh) + pub(old), fresh);
    String newToken = after.issue("2", List.of(), Map.of());
    assertEquals(Jwks.thumbprint(fresh.getPublic()), kid(newToken), "the first key signs");
    assertEquals("1", after.verify(oldToken).id(), "a token of the old key still verifies");
    assertEquals("2", after.verify(newToken).id());
    assertEquals(2, ((List<?>) JsonTree.object(after.jwks()).get("keys")).size(), "both keys published");
    ProblemException e = assertThrows(ProblemException.class, () -> before.verify(newToken));
    assertEquals("The token's key (kid) is not one of this server's keys.", e.problem().detail());
    // Once the old key is dropped, its tokens are refused.
    Jwt dropped = jwt(AuthOptions.Algorithm.RS256, pub(fresh), fresh);
    assertEquals(401, assertThrows(ProblemException.class, () -> dropped.verify(oldToken)).status());
    // A verify-only server takes the same list.
    assertEquals("2", jwt(AuthOptions.Algorithm.RS256, pub(old) + pub(fresh), null).verify(newToken).id());
  }

  @Test
  void anUnknownOrForgedKidIsRefused() throws Exception {
    KeyPair k = rsa();
    Jwt jwt = jwt(AuthOptions.Algorithm.RS256, pub(k), k);
    String unknown = JWT.create().withKeyId("not-a-key").withIssuer("vivace").withAudience("vivace").withSubject("1")
        .withExpiresAt(JwtTest.T0.plusSeconds(60)).sign(Algorithm.RSA256(null, (RSAPrivateKey) k.getPrivate()));
    ProblemException e = assertThrows(ProblemException.class, () -> jwt.verify(unknown));
    assertEquals(401, e.status());
    assertEquals("The token's key (kid) is not one of this server's keys.", e.problem().detail());
    // Signed by another key that names ours: a bad signature.
    KeyPair other = rsa();
    String forged = JWT.create().withKeyId(Jwks.thumbprint(k.getPublic())).withIssuer("vivace").withAudience("vivace")
        .withSubject("1").withExpiresAt(JwtTest.T0.plusSeconds(60)).sign(Algorithm.RSA256(null, (RSAPrivateKey) other.getPrivate()));
    assertEquals("The token's signature is invalid.", assertThrows(ProblemException.class, () -> jwt.verify(forged)).problem().detail());
  }

  @Test
  void aPrivateKeyThatIsNotTheFirstPublicKeysPairFailsTheStart() throws Exception {
    KeyPair a = rsa();
    KeyPair b = rsa();
    ConfigException e = assertThrows(ConfigException.class, () -> jwt(AuthOptions.Algorithm.RS256, pub(a) + pub(b), b));
    assertTrue(e.getMessage().startsWith("JWT_PRIVATE_KEY does not pair with the first key of JWT_PUBLIC_KEY"), e.getMessage());
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair wrongCurve = g.generateKeyPair();
    assertTrue(assertThrows(ConfigException.class, () -> jwt(AuthOptions.Algorithm.ES256, pub(wrongCurve), wrongCurve))
        .getMessage().contains("P-256"));
  }

  @Test
  void everyTokenHasItsOwnJtiAndHs256PublishesNoKey() {
    Jwt jwt = Jwt.create(new AuthOptions().secret(JwtTest.SECRET), clock);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      String token = jwt.issue("1", List.of(), Map.of());
      assertEquals(null, kid(token), "no thumbprint of a secret");
      String jti = jwt.verify(token).jti();
      assertEquals(22, jti.length());
      assertTrue(ids.add(jti));
    }
    assertEquals("{\"keys\":[]}", jwt.jwks());
  }
}
