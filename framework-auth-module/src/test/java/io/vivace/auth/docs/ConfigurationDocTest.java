package io.vivace.auth.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.auth.AuthOptions;
import io.vivace.cache.RedisOptions;
import io.vivace.config.Setting;
import io.vivace.compression.CompressionOptions;
import io.vivace.config.VivaceOptions;
import io.vivace.cors.CorsOptions;
import io.vivace.headers.SecurityHeadersOptions;
import io.vivace.db.DbOptions;
import io.vivace.observe.ObserveOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's settings tables match the declarations ({@link Setting}) of every module:
 * no setting missing, none that does not exist, each with its declared default and doc line. On a
 * mismatch the message holds the rows as they should read.
 */
class ConfigurationDocTest {
  static final Pattern ROW = Pattern.compile("^\\| `([A-Z0-9_]+)` \\| (.*?) \\| (.*) \\|$");

  static List<Setting<?>> declared() {
    List<Setting<?>> all = new ArrayList<>();
    all.addAll(VivaceOptions.SETTINGS);
    all.addAll(CorsOptions.SETTINGS);
    all.addAll(SecurityHeadersOptions.SETTINGS);
    all.addAll(io.vivace.tls.TlsOptions.SETTINGS);
    all.addAll(CompressionOptions.SETTINGS);
    all.addAll(ObserveOptions.SETTINGS);
    all.addAll(io.vivace.websocket.WebSocketOptions.SETTINGS);
    all.addAll(io.vivace.sse.SseOptions.SETTINGS);
    all.addAll(io.vivace.openapi.OpenApiOptions.SETTINGS);
    all.addAll(DbOptions.SETTINGS);
    all.addAll(RedisOptions.SETTINGS);
    all.addAll(AuthOptions.SETTINGS);
    all.addAll(io.vivace.auth.ExternalIssuerOptions.SETTINGS);
    all.addAll(io.vivace.auth.module.AccountOptions.SETTINGS);
    return all;
  }

  static String row(Setting<?> s) {
    return "| `" + s.env() + "` | " + s.defaultText() + " | " + s.doc() + " |";
  }

  @Test
  void everyDeclaredSettingIsDocumentedAndEveryDocumentedOneIsDeclared() throws Exception {
    Map<String, String> documented = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("..", "docs", "configuration.md"))) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        assertTrue(documented.put(m.group(1), line) == null, "documented twice: " + m.group(1));
      }
    }
    Map<String, String> expected = new LinkedHashMap<>();
    for (Setting<?> s : declared()) {
      assertTrue(expected.put(s.env(), row(s)) == null, "declared twice: " + s.env());
    }
    StringBuilder all = new StringBuilder();
    expected.values().forEach(r -> all.append(r).append('\n'));
    assertEquals(expected.keySet(), documented.keySet(), "docs/configuration.md should list:\n" + all);
    for (Map.Entry<String, String> e : expected.entrySet()) {
      assertEquals(e.getValue(), documented.get(e.getKey()), "docs/configuration.md row of " + e.getKey());
    }
  }
}
