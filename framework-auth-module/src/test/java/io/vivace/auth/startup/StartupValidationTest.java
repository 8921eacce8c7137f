package io.vivace.auth.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.testing.AppProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every setting of every module is checked before any heavy work: a bad one ends {@code run()}
 * with one line naming it and exit status 2, and the embedded PostgreSQL is never started (its
 * data folder is never made). Secrets stay out of the line.
 */
class StartupValidationTest {
  static final String SECRET = "startup-validation-secret-0123456789abcdef";

  @TempDir
  Path tmp;

  /** The app with no DATABASE_URL (so an embedded server would start in tmp/pg), good settings, then {@code overrides}. */
  AppProcess start(Map<String, String> overrides) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", ""); // blank is unset: the embedded server
    env.put("VIVACE_DB_EMBEDDED_DIR", tmp.resolve("pg").toString());
    env.put("REDIS_URL", "");
    env.put("JWT_SECRET", SECRET);
    env.put("AUTH_DEV_MODE", "");
    env.put("PORT", "0");
    env.putAll(overrides);
    return AppProcess.start(StartupMain.class, env);
  }

  /** Runs the app, expects exit 2 and returns its one output line; the embedded server never started. */
  String invalid(Map<String, String> overrides) throws Exception {
    try (AppProcess p = start(overrides)) {
      assertEquals(2, p.awaitExit(60_000), String.valueOf(p.lines()));
      List<String> lines = p.lines();
      assertEquals(1, lines.size(), "one line: " + lines);
      assertFalse(Files.exists(tmp.resolve("pg")), "the embedded PostgreSQL did not start: " + lines);
      assertTrue(lines.get(0).startsWith("vivace: invalid configuration: "), lines.get(0));
      return lines.get(0);
    }
  }

  @Test
  void aMissingJwtSecretIsReportedBeforeTheEmbeddedDatabaseStarts() throws Exception {
    String line = invalid(Map.of("JWT_SECRET", ""));
    assertTrue(line.contains("JWT_SECRET is not set"), line);
  }

  @Test
  void aShortJwtSecretIsNamedButNotShown() throws Exception {
    String line = invalid(Map.of("JWT_SECRET", "tooshort-hunter2"));
    assertTrue(line.contains("JWT_SECRET is too short"), line);
    assertFalse(line.contains("hunter2"), line);
  }

  @Test
  void aBadRedisUrlExitsTwoNamingRedisUrl() throws Exception {
    String line = invalid(Map.of("REDIS_URL", "http://x"));
    assertTrue(line.startsWith("vivace: invalid configuration: REDIS_URL "), line);
  }

  @Test
  void aBadRedisUrlNeverShowsItsPassword() throws Exception {
    String line = invalid(Map.of("REDIS_URL", "http://admin:hunter2@cache:6379"));
    assertTrue(line.contains("REDIS_URL"), line);
    assertFalse(line.contains("hunter2"), line);
  }

  @Test
  void aBadDatabaseUrlIsNamedWithoutItsPassword() throws Exception {
    String line = invalid(Map.of("DATABASE_URL", "mysql://app:hunter2@db/app"));
    assertTrue(line.contains("DATABASE_URL"), line);
    assertFalse(line.contains("hunter2"), line);
  }

  @Test
  void aBadVivaceSettingOfAnyModuleIsNamed() throws Exception {
    assertTrue(invalid(Map.of("VIVACE_DB_POOL_SIZE", "0")).contains("VIVACE_DB_POOL_SIZE"));
    assertTrue(invalid(Map.of("VIVACE_REDIS_COMMAND_TIMEOUT", "soon", "REDIS_URL", "redis://127.0.0.1:1"))
        .contains("VIVACE_REDIS_COMMAND_TIMEOUT"));
  }

  @Test
  void aStartupFailureLineNeverShowsTheDatabasePassword() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    try (AppProcess p = start(Map.of("DATABASE_URL", "postgres://app:hunter2@127.0.0.1:" + closed + "/app",
        "VIVACE_DB_CONNECT_ATTEMPTS", "1"))) {
      assertEquals(1, p.awaitExit(60_000), String.valueOf(p.lines()));
      assertTrue(p.lines().stream().anyMatch(l -> l.startsWith("vivace: failed to start") && l.contains("app:***@")),
          String.valueOf(p.lines()));
      assertTrue(p.lines().stream().noneMatch(l -> l.contains("hunter2")), String.valueOf(p.lines()));
    }
  }
}
