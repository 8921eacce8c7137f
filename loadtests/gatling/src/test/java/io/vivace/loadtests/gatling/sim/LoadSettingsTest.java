package io.vivace.loadtests.gatling.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadSettingsTest {
  @Test
  void trimsTheBaseUrlsSlashAndTellsTheModel() {
    LoadSettings s = new LoadSettings("http://h:1/", 4, 0, Duration.ofSeconds(3), Duration.ZERO, 20, 5, 5, null);
    assertEquals("http://h:1", s.baseUrl());
    assertEquals(false, s.open());
    assertEquals(true, new LoadSettings("http://h", 1, 10.5, Duration.ofSeconds(1), Duration.ZERO, 1, 1, 1, null).open());
  }

  @Test
  void badValuesNameTheSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LoadSettings("http://h", 0, 0, Duration.ofSeconds(1), Duration.ZERO, 1, 1, 1, null));
    assertTrue(e.getMessage().contains("concurrency") && e.getMessage().contains("0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new LoadSettings("http://h", 1, 0, Duration.ofSeconds(1), Duration.ZERO, 501, 1, 1, null));
    assertTrue(e.getMessage().contains("queries") && e.getMessage().contains("501"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new LoadSettings("http://h", 1, 0, Duration.ZERO, Duration.ZERO, 1, 1, 1, null));
    assertTrue(e.getMessage().contains("duration"), e.getMessage());
  }
}
