package io.vivace.loadtests.gatling.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JwtTest {
  @Test
  void signsLikeAnIndependentHs256Implementation() {
    // Computed with Python's hmac and hashlib over the same header and claims.
    assertEquals("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJsb2FkdGVzdCIsImV4cCI6MTkwMDAwMDAwMH0"
        + ".qJjg7XNybkoJtobFKWbAgN3xGsXDhKTnM07JBaOy2SE", Jwt.hs256("test-secret-0123456789", "loadtest", 1_900_000_000L));
  }

  @Test
  void refusesAnEmptySecretAndAnUnsafeSubject() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Jwt.hs256("", "loadtest", 1));
    assertTrue(e.getMessage().contains("JWT_SECRET"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Jwt.hs256("k", "a\"b", 1));
    assertTrue(e.getMessage().contains("a\"b"), e.getMessage());
  }
}
