package io.vivace.loadtests.gatling.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JwtTest {
  @Test
  void signsLikeAnIndependentHs256Implementation() {
    // Computed with Python's hmac and hashlib over the same header and claims.
    assertEquals("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJsb2FkdGVzdCIsImlzcyI6InZpdmFjZSIsImF1ZCI6InZpdmFjZSIsImV4cCI6MTkwMDAwMDAwMH0"
        + ".9p4L6MnRAf90NhRRwLDvQoaKUiAsbwSldHnMcRhntFo", Jwt.hs256("test-secret-0123456789", "loadtest", 1_900_000_000L));
  }

  @Test
  void vivacesOwnVerifierAcceptsTheToken() {
    String secret = "load-test-secret-0123456789abcdef0123";
    long exp = java.time.Instant.now().getEpochSecond() + 600;
    io.vivace.auth.Jwt verifier = io.vivace.auth.Jwt.create(new io.vivace.auth.AuthOptions().secret(secret));
    assertEquals("loadtest", verifier.verify(Jwt.hs256(secret, "loadtest", exp)).id());
    assertThrows(RuntimeException.class, () -> verifier.verify(Jwt.hs256(secret, "loadtest", "other", "vivace", exp)),
        "a wrong issuer is refused, so the claims really are checked");
  }

  @Test
  void refusesAnEmptySecretAndAnUnsafeSubject() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Jwt.hs256("", "loadtest", 1));
    assertTrue(e.getMessage().contains("JWT_SECRET"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Jwt.hs256("k", "a\"b", 1));
    assertTrue(e.getMessage().contains("a\"b"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Jwt.hs256("k", "s", "i\"", "a", 1));
  }
}
