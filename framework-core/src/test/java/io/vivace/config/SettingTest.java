package io.vivace.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One declaration per setting: the reader and the setters share its bounds and its messages. */
class SettingTest {
  static final Setting<Integer> SIZE = Setting.integer("VIVACE_TEST_SIZE", "size", 8, 1, 100, "a size");
  static final Setting<String> TOKEN = Setting.string("TEST_TOKEN", "token", null, "a token").secret();
  static final Setting<String> URL = Setting.string("TEST_URL", "url", null, "a URL").secret();

  static Config config(Map<String, String> env) {
    return new Config(env, new Properties());
  }

  @Test
  void readsTheDefaultTheEnvironmentAndThePropertyThatWins() {
    assertEquals(8, SIZE.read(config(Map.of())));
    assertEquals(8, SIZE.read(config(Map.of("VIVACE_TEST_SIZE", "  "))), "blank is unset");
    assertEquals(42, SIZE.read(config(Map.of("VIVACE_TEST_SIZE", "42"))));
    Properties p = new Properties();
    p.setProperty("vivace.test-size", "7");
    assertEquals(7, SIZE.read(new Config(Map.of("VIVACE_TEST_SIZE", "42"), p)));
    assertEquals("vivace.test-size", SIZE.property());
  }

  @Test
  void theReaderAndTheSetterCheckTheSameBoundsAndNameTheSetting() {
    ConfigException read = assertThrows(ConfigException.class, () -> SIZE.read(config(Map.of("VIVACE_TEST_SIZE", "101"))));
    assertEquals("VIVACE_TEST_SIZE (system property vivace.test-size): expected an integer between 1 and 100, got \"101\"",
        read.getMessage());
    assertThrows(ConfigException.class, () -> SIZE.read(config(Map.of("VIVACE_TEST_SIZE", "ten"))));
    assertThrows(ConfigException.class, () -> SIZE.read(config(Map.of("VIVACE_TEST_SIZE", "99999999999"))));
    IllegalArgumentException set = assertThrows(IllegalArgumentException.class, () -> SIZE.check(101));
    assertEquals("size (VIVACE_TEST_SIZE) must be an integer between 1 and 100, got '101'", set.getMessage());
    assertEquals(100, SIZE.check(100));
  }

  @Test
  void secretValuesNeverShowInMessages() {
    Setting<Integer> secretNumber = Setting.integer("TEST_PIN", "pin", 1, 1, 9, "a pin").secret();
    ConfigException e = assertThrows(ConfigException.class, () -> secretNumber.read(config(Map.of("TEST_PIN", "123456"))));
    assertFalse(e.getMessage().contains("123456"), e.getMessage());
    assertTrue(e.getMessage().startsWith("TEST_PIN "), e.getMessage());
    IllegalArgumentException set = assertThrows(IllegalArgumentException.class, () -> TOKEN.check(" "));
    assertTrue(set.getMessage().startsWith("token (TEST_TOKEN) must be"), set.getMessage());
    IllegalArgumentException url = assertThrows(IllegalArgumentException.class, () -> URL.check(""));
    assertFalse(url.getMessage().contains("hunter2"));
  }

  @Test
  void urlPasswordsAreMasked() {
    assertEquals("redis://:***@cache:6379/0", Secrets.maskUrl("redis://:hunter2@cache:6379/0"));
    assertEquals("see postgres://app:***@db:5432/app and redis://h", Secrets.maskUrl("see postgres://app:s3cr@t@db:5432/app and redis://h"));
    assertEquals("redis://user@h:1", Secrets.maskUrl("redis://user@h:1"));
    assertEquals("http://x", Secrets.maskUrl("http://x"));
    assertEquals("no url", Secrets.maskUrl("no url"));
    Setting<String> url = Setting.of("TEST_REDIS", "url", null, "redis://...", raw -> raw, v -> v.startsWith("redis://"), "x").secret();
    ConfigException e = assertThrows(ConfigException.class, () -> url.read(config(Map.of("TEST_REDIS", "http://u:hunter2@x"))));
    assertEquals("TEST_REDIS (system property vivace.test-redis): expected redis://..., got \"http://u:***@x\"", e.getMessage());
  }

  @Test
  void everyOptionOfTheCoreIsDeclaredOnceWithItsDefault() {
    Set<String> names = new HashSet<>();
    for (Setting<?> s : concat(VivaceOptions.SETTINGS, io.vivace.observe.ObserveOptions.SETTINGS)) {
      assertTrue(names.add(s.env()), "declared twice: " + s.env());
      assertFalse(s.doc().isBlank(), s.env());
    }
    VivaceOptions defaults = VivaceOptions.from(config(Map.of()));
    assertEquals(VivaceOptions.DEFAULT_PORT, defaults.port());
    assertEquals(VivaceOptions.PORT.defaultValue(), defaults.port());
    assertEquals(VivaceOptions.DEFAULT_MAX_BODY_SIZE, VivaceOptions.MAX_BODY_SIZE.defaultValue());
    io.vivace.observe.ObserveOptions observe = defaults.observe();
    assertEquals(io.vivace.observe.ObserveOptions.DEFAULT_REQUEST_ID, observe.requestId());
    assertEquals(io.vivace.observe.ObserveOptions.DEFAULT_ACCESS_LOG, observe.accessLog());
    assertEquals(io.vivace.observe.ObserveOptions.DEFAULT_TRUSTED_PROXIES, observe.trustedProxies());
    assertEquals(io.vivace.observe.ObserveOptions.DEFAULT_LOG_FORMAT, observe.logFormat());
    assertEquals(io.vivace.observe.ObserveOptions.DEFAULT_LOG_LEVEL, observe.logLevel());
  }

  @Test
  void observabilitySettingsParseAndNameThemselvesWhenBad() {
    io.vivace.observe.ObserveOptions o = VivaceOptions.from(config(Map.of("VIVACE_REQUEST_ID", "off",
        "VIVACE_ACCESS_LOG", "JSON", "VIVACE_LOG_LEVEL", "Debug", "VIVACE_TRUSTED_PROXIES", "10.0.0.0/8,::1"))).observe();
    assertFalse(o.requestId());
    assertEquals(io.vivace.observe.ObserveOptions.AccessLog.JSON, o.accessLog());
    assertEquals("debug", o.logLevel());
    assertEquals(java.util.List.of("10.0.0.0/8", "::1"), o.trustedProxies());
    ConfigException e = assertThrows(ConfigException.class, () -> VivaceOptions.from(config(Map.of("VIVACE_ACCESS_LOG", "apache"))));
    assertTrue(e.getMessage().startsWith("VIVACE_ACCESS_LOG"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> VivaceOptions.from(config(Map.of("VIVACE_LOG_LEVEL", "loud"))));
    assertTrue(e.getMessage().startsWith("VIVACE_LOG_LEVEL"), e.getMessage());
  }

  private static java.util.List<Setting<?>> concat(java.util.List<Setting<?>> a, java.util.List<Setting<?>> b) {
    java.util.List<Setting<?>> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
