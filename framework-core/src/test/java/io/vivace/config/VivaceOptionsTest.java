package io.vivace.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class VivaceOptionsTest {

  private static VivaceOptions read(Map<String, String> env, Properties props) {
    return VivaceOptions.from(new Config(env, props));
  }

  @Test
  void defaultsWhenNothingIsSet() {
    VivaceOptions o = read(Map.of(), new Properties());
    assertEquals(8080, o.port());
    assertEquals("0.0.0.0", o.host());
    assertEquals(Runtime.getRuntime().availableProcessors(), o.eventLoops());
    assertEquals(1024 * 1024, o.maxBodySize());
    assertEquals("/health", o.healthPath());
    assertEquals(60, o.idleTimeoutSeconds());
  }

  @Test
  void readsEnvironmentAndSystemPropertiesWin() {
    Properties props = new Properties();
    props.setProperty("vivace.event-loops", "3");
    VivaceOptions o = read(Map.of("PORT", "9000", "HOST", "127.0.0.1", "VIVACE_EVENT_LOOPS", "7",
        "VIVACE_MAX_BODY_SIZE", "2048", "VIVACE_NATIVE_TRANSPORT", "off"), props);
    assertEquals(9000, o.port());
    assertEquals("127.0.0.1", o.host());
    assertEquals(3, o.eventLoops());
    assertEquals(2048, o.maxBodySize());
    assertFalse(o.nativeTransport());
  }

  @Test
  void invalidPortNamesTheVariableAndTheValue() {
    ConfigException e = assertThrows(ConfigException.class, () -> read(Map.of("PORT", "abc"), new Properties()));
    assertEquals("PORT (system property vivace.port): expected an integer between 0 and 65535, got \"abc\"",
        e.getMessage());
    assertThrows(ConfigException.class, () -> read(Map.of("PORT", "70000"), new Properties()));
  }

  @Test
  void invalidValuesOfOtherSettingsAreRejected() {
    assertEquals("VIVACE_EVENT_LOOPS (system property vivace.event-loops): expected an integer between 1 and 1024, got \"0\"",
        assertThrows(ConfigException.class, () -> read(Map.of("VIVACE_EVENT_LOOPS", "0"), new Properties())).getMessage());
    assertThrows(ConfigException.class, () -> read(Map.of("VIVACE_NATIVE_TRANSPORT", "maybe"), new Properties()));
    assertThrows(ConfigException.class, () -> read(Map.of("VIVACE_HEALTH_PATH", "health"), new Properties()));
  }

  @Test
  void healthRouteCanBeMovedOrTurnedOff() {
    assertEquals("/status", read(Map.of("VIVACE_HEALTH_PATH", "/status"), new Properties()).healthPath());
    assertNull(read(Map.of("VIVACE_HEALTH_PATH", "off"), new Properties()).healthPath());
  }

  @Test
  void settersShowTheBadValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VivaceOptions().eventLoops(-2));
    assertEquals("eventLoops (VIVACE_EVENT_LOOPS) must be an integer between 1 and 1024, got '-2'", e.getMessage());
  }
}
