package io.vivace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.auth.AuthOptions;
import io.vivace.auth.AuthUser;
import io.vivace.auth.Jwt;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code vivace token}, the token minting command the load tests use. */
class TokenCommandTest {
  static final String SECRET = "0123456789abcdef0123456789abcdef-test-secret";
  static final String SECRET_PROPERTY = "vivace.jwt-secret"; // wins over the environment's JWT_SECRET

  @AfterEach
  void clear() {
    System.clearProperty(SECRET_PROPERTY);
  }

  @Test
  void mintsATokenTheServerAccepts() {
    System.setProperty(SECRET_PROPERTY, SECRET);
    Cli r = Cli.run("token", "--subject", "bench", "--roles", "a, b", "--ttl", "120");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("", r.err());
    AuthUser user = Jwt.create(new AuthOptions().secret(SECRET)).verify(r.out().trim());
    assertEquals("bench", user.id());
    assertEquals(Set.of("a", "b"), user.roles());
    long ttl = user.expiresAt() - ((Number) user.claims().get("iat")).longValue();
    assertEquals(120, ttl);
  }

  @Test
  void theDefaultsAreTheLoadTestsSubjectNoRolesAndADay() {
    System.setProperty(SECRET_PROPERTY, SECRET);
    Cli r = Cli.run("token");
    assertEquals(0, r.exit(), r.toString());
    AuthUser user = Jwt.create(new AuthOptions().secret(SECRET)).verify(r.out().trim());
    assertEquals("loadtest", user.id());
    assertEquals(Set.of(), user.roles());
    assertEquals(TokenCommand.DEFAULT_TTL, user.expiresAt() - ((Number) user.claims().get("iat")).longValue());
  }

  @Test
  void badOptionsAndSettingsExit1WithOneLine() {
    System.setProperty(SECRET_PROPERTY, "too short");
    Cli r = Cli.run("token");
    CommandsTest.assertFails(1, "JWT_SECRET", r);
    assertEquals("", r.out());
    System.setProperty(SECRET_PROPERTY, SECRET);
    CommandsTest.assertFails(1, "--ttl", Cli.run("token", "--ttl", "soon"));
    CommandsTest.assertFails(1, "--ttl must be at least 1 s, got 0", Cli.run("token", "--ttl", "0"));
    CommandsTest.assertFails(1, "--bogus", Cli.run("token", "--bogus"));
    Cli missing = Cli.run("token", "--subject");
    CommandsTest.assertFails(1, "--subject", missing);
    assertTrue(missing.out().isEmpty(), missing.toString());
  }
}
