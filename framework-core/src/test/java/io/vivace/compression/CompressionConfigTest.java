package io.vivace.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.compression.impl.ContentTypes;
import io.vivace.config.Config;
import io.vivace.config.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Compression settings and content-type matching. */
class CompressionConfigTest {
  static Config env(String name, String value) {
    return new Config(Map.of(name, value), new Properties());
  }

  @Test
  void theEnvironmentSetsEveryField() {
    CompressionOptions o = CompressionOptions.from(new Config(Map.of("VIVACE_COMPRESSION", "true",
        "VIVACE_COMPRESSION_MIN_SIZE", "10", "VIVACE_COMPRESSION_LEVEL", "1", "VIVACE_COMPRESSION_TYPES", "text/html, application/json"),
        new Properties()));
    assertTrue(o.enabled());
    assertEquals(10, o.minSizeBytes());
    assertEquals(1, o.level());
    assertEquals(List.of("text/html", "application/json"), o.contentTypes());
    assertFalse(CompressionOptions.from(new Config(Map.of(), new Properties())).enabled());
  }

  @Test
  void alreadyCompressedTypesAndBadValuesAreRefusedNamingTheSetting() {
    for (String[] bad : new String[][] {{"VIVACE_COMPRESSION_TYPES", "text/html,image/png"},
        {"VIVACE_COMPRESSION_TYPES", "image/*"}, {"VIVACE_COMPRESSION_TYPES", "*/*"}, {"VIVACE_COMPRESSION_TYPES", "application/*"},
        {"VIVACE_COMPRESSION_TYPES", "application/zip"}, {"VIVACE_COMPRESSION_TYPES", "video/mp4"},
        {"VIVACE_COMPRESSION_TYPES", "json"}, {"VIVACE_COMPRESSION", "often"}, {"VIVACE_COMPRESSION_MIN_SIZE", "-1"},
        {"VIVACE_COMPRESSION_LEVEL", "0"}, {"VIVACE_COMPRESSION_LEVEL", "10"}}) {
      ConfigException e = assertThrows(ConfigException.class, () -> CompressionOptions.from(env(bad[0], bad[1])), bad[1]);
      assertTrue(e.getMessage().startsWith(bad[0] + " (system property "), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> new CompressionOptions().contentTypes(List.of("image/jpeg")));
  }

  @Test
  void contentTypesMatchWithoutParametersOrCase() {
    ContentTypes types = ContentTypes.of(CompressionOptions.DEFAULT_CONTENT_TYPES);
    for (String yes : List.of("text/plain; charset=utf-8", "TEXT/HTML", "application/json", "application/problem+json",
        "application/x-ndjson", "application/json ;charset=utf-8", "image/svg+xml")) {
      assertTrue(types.matches(yes), yes);
    }
    for (String no : List.of("application/jsonp", "application/octet-stream", "image/png", "text/", "text", "",
        "application/json-seq")) {
      assertFalse(types.matches(no), no);
    }
    assertFalse(types.matches(null));
  }
}
