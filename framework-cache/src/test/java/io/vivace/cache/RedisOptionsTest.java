package io.vivace.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.config.Config;
import io.vivace.config.ConfigException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** REDIS_URL and VIVACE_REDIS_* through the one reader; the URL's password never in a message. */
class RedisOptionsTest {

  static RedisOptions read(Map<String, String> env) {
    return RedisOptions.from(new Config(env, new Properties()));
  }

  @Test
  void unsetMeansNoRedisAndEverySettingIsRead() {
    assertNull(read(Map.of()));
    RedisOptions o = read(Map.of("REDIS_URL", "rediss://:pw@cache:6380/1", "VIVACE_REDIS_COMMAND_TIMEOUT", "100",
        "VIVACE_REDIS_FAILURE_THRESHOLD", "5", "VIVACE_REDIS_OPEN_TIME", "2000", "VIVACE_REDIS_MAX_RECONNECT_DELAY", "300",
        "VIVACE_REDIS_KEY_PREFIX", "app:"));
    assertEquals("rediss://:pw@cache:6380/1", o.url());
    assertEquals(100, o.commandTimeoutMs());
    assertEquals(5, o.failureThreshold());
    assertEquals(2000, o.openMs());
    assertEquals(300, o.maxReconnectDelayMs());
    assertEquals("app:", o.keyPrefix());
  }

  @Test
  void aBadUrlIsNamedWithItsPasswordMasked() {
    ConfigException e = assertThrows(ConfigException.class, () -> read(Map.of("REDIS_URL", "http://admin:hunter2@cache:6379")));
    assertTrue(e.getMessage().startsWith("REDIS_URL (system property vivace.redis-url): expected redis://"), e.getMessage());
    assertTrue(e.getMessage().contains("http://admin:***@cache:6379"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    IllegalArgumentException set = assertThrows(IllegalArgumentException.class, () -> new RedisOptions("http://:hunter2@x"));
    assertTrue(set.getMessage().startsWith("url (REDIS_URL) must be redis://"), set.getMessage());
    assertFalse(set.getMessage().contains("hunter2"), set.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new RedisOptions("redis://"));
  }

  @Test
  void settersCheckTheDeclaredBounds() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RedisOptions("redis://h").commandTimeoutMs(0));
    assertEquals("commandTimeoutMs (VIVACE_REDIS_COMMAND_TIMEOUT) must be an integer between 1 and 600000, got '0'", e.getMessage());
    ConfigException c = assertThrows(ConfigException.class,
        () -> read(Map.of("REDIS_URL", "redis://h", "VIVACE_REDIS_FAILURE_THRESHOLD", "0")));
    assertTrue(c.getMessage().startsWith("VIVACE_REDIS_FAILURE_THRESHOLD "), c.getMessage());
  }
}
