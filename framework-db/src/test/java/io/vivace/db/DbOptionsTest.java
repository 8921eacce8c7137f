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
}
