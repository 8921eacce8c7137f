package io.vivace.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The token minting tool the load tests use. */
class TokenToolTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(Map<String, String> env, String... args) {
    return TokenTool.run(args, new Config(env, new Properties()), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void mintsATokenTheServerAccepts() {
    assertEquals(0, run(Map.of("JWT_SECRET", JwtTest.SECRET), "--subject", "bench", "--roles", "a, b", "--ttl", "120"));
    String token = out.toString(StandardCharsets.UTF_8).trim();
    AuthUser user = Jwt.create(new AuthOptions().secret(JwtTest.SECRET)).verify(token);
    assertEquals("bench", user.id());
    assertEquals(Set.of("a", "b"), user.roles());
    long ttl = user.expiresAt() - ((Number) user.claims().get("iat")).longValue();
    assertEquals(120, ttl);
  }

  @Test
  void badArgumentsAndMissingSecretsExit2WithOneLine() {
    assertEquals(2, run(Map.of()));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("TokenTool: JWT_SECRET is not set"), err.toString());
    err.reset();
    assertEquals(2, run(Map.of("JWT_SECRET", JwtTest.SECRET), "--ttl", "soon"));
    assertEquals("TokenTool: --ttl needs a number of seconds, got 'soon'", err.toString(StandardCharsets.UTF_8).trim());
    err.reset();
    assertEquals(2, run(Map.of("JWT_SECRET", JwtTest.SECRET), "--bogus"));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("TokenTool: unknown argument '--bogus'"));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }
}
