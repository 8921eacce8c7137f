package io.vivace.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.config.Config;
import io.vivace.config.ConfigException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DbOptionsTest {

  private static DbOptions from(Map<String, String> env) {
    return DbOptions.from(new Config(env, new Properties()));
  }

  @Test
  void connectionsPerLoopDefaultsToOneAndIsBounded() {
    assertEquals(DbOptions.DEFAULT_CONNECTIONS_PER_LOOP, from(Map.of()).connectionsPerLoop());
    assertEquals(1, DbOptions.DEFAULT_CONNECTIONS_PER_LOOP);
    assertEquals(4, from(Map.of("VIVACE_DB_CONNECTIONS_PER_LOOP", "4")).connectionsPerLoop());
    for (String bad : new String[] {"0", "65", "many"}) {
      ConfigException e = assertThrows(ConfigException.class, () -> from(Map.of("VIVACE_DB_CONNECTIONS_PER_LOOP", bad)));
      assertTrue(e.getMessage().contains("VIVACE_DB_CONNECTIONS_PER_LOOP"), e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DbOptions().connectionsPerLoop(0));
    assertEquals("connectionsPerLoop (VIVACE_DB_CONNECTIONS_PER_LOOP) must be an integer between 1 and 64, got '0'", e.getMessage());
  }

  @Test
  void theRemovedPerEventLoopSettingIsIgnoredNotFatal() {
    DbOptions o = from(Map.of("VIVACE_DB_PER_EVENT_LOOP", "true"));
    assertEquals(1, o.connectionsPerLoop());
  }

  @Test
  void readUrlsTakeOneOrMoreReplicasWithTheSyntaxOfDatabaseUrl() {
    assertEquals(java.util.List.of(), from(Map.of()).readUrls(), "none by default");
    assertEquals(java.util.List.of(), from(Map.of("DATABASE_READ_URL", "  ")).readUrls(), "blank is unset");
    DbOptions two = from(Map.of("DATABASE_READ_URL",
        "postgres://app:s3cret@replica-a:5433/blog?sslmode=require, postgresql://replica-b/blog"));
    assertEquals(2, two.readUrls().size());
    assertEquals(new DatabaseUrl("replica-a", 5433, "blog", "app", "s3cret", "require", null), two.readUrls().get(0));
    assertEquals(new DatabaseUrl("replica-b", 5432, "blog", "postgres", null), two.readUrls().get(1));
    assertEquals(DbOptions.DEFAULT_REPLICA_MAX_LAG_MS, two.replicaMaxLagMs());
    assertEquals(DbOptions.DEFAULT_REPLICA_CHECK_INTERVAL_MS, two.replicaCheckIntervalMs());
    for (String bad : new String[] {"mysql://app:s3cret@db/app", "postgres://app:s3cret@a/db,,postgres://b/db",
        "postgres://app:s3cret@a/db?sslmode=sometimes", "postgres://app:s3cret@a/db,"}) {
      ConfigException e = assertThrows(ConfigException.class, () -> from(Map.of("DATABASE_READ_URL", bad)));
      assertTrue(e.getMessage().startsWith("DATABASE_READ_URL"), e.getMessage());
      assertTrue(!e.getMessage().contains("s3cret"), e.getMessage());
    }
  }

  @Test
  void theReplicaLagBoundAndIntervalAreBounded() {
    assertEquals(250, from(Map.of("VIVACE_DB_REPLICA_MAX_LAG", "250")).replicaMaxLagMs());
    assertEquals(100, from(Map.of("VIVACE_DB_REPLICA_CHECK_INTERVAL", "100")).replicaCheckIntervalMs());
    for (String bad : new String[] {"0", "-5", "soon"}) {
      ConfigException e = assertThrows(ConfigException.class, () -> from(Map.of("VIVACE_DB_REPLICA_MAX_LAG", bad)));
      assertTrue(e.getMessage().contains("VIVACE_DB_REPLICA_MAX_LAG"), e.getMessage());
    }
    ConfigException e = assertThrows(ConfigException.class, () -> from(Map.of("VIVACE_DB_REPLICA_CHECK_INTERVAL", "5")));
    assertTrue(e.getMessage().contains("VIVACE_DB_REPLICA_CHECK_INTERVAL"), e.getMessage());
  }

  /** The contract of bad settings: one startup line naming the setting, exit 2, the password masked. */
  @Test
  void aBadReadUrlStopsStartupWithOneLineAndExitTwo() throws Exception {
    DatabaseUrl server = io.vivace.db.testing.TestDatabase.server();
    try (io.vivace.testing.AppProcess app = io.vivace.testing.AppProcess.start(DbApp.class, Map.of("PORT", "0",
        "HOST", "127.0.0.1", "DATABASE_URL", server.toString(), "VIVACE_DB_MIGRATE", "false",
        "DATABASE_READ_URL", "postgres://app:hunter2@replica/blog,mysql://app:hunter2@replica/blog"))) {
      assertEquals(2, app.awaitExit(60_000), String.join("\n", app.lines()));
      java.util.List<String> failures = app.lines().stream().filter(l -> l.startsWith("vivace:")).toList();
      assertEquals(1, failures.size(), String.join("\n", app.lines()));
      assertTrue(failures.get(0).contains("DATABASE_READ_URL"), failures.get(0));
      assertTrue(app.lines().stream().noneMatch(l -> l.contains("hunter2")), String.join("\n", app.lines()));
    }
  }
}
