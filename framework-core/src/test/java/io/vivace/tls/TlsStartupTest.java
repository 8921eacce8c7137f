package io.vivace.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.App;
import io.vivace.Vivace;
import io.vivace.testing.AppProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS settings read from the environment by a real process: good files listen on https, bad ones exit 2 naming the setting. */
class TlsStartupTest {
  /** The child process: one route, every setting from the environment. */
  public static final class Main {
    public static void main(String[] args) {
      App app = Vivace.app();
      app.get("/ok", () -> "ok");
      app.run();
    }
  }

  @TempDir
  Path dir;

  private List<String> invalid(Map<String, String> tls) throws Exception {
    Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "HOST", "127.0.0.1", "VIVACE_EVENT_LOOPS", "1"));
    env.putAll(tls);
    try (AppProcess p = AppProcess.start(Main.class, env)) {
      assertEquals(2, p.awaitExit(60_000), String.valueOf(p.lines()));
      List<String> lines = p.lines();
      assertEquals(1, lines.size(), "one line: " + lines);
      assertTrue(lines.get(0).startsWith("vivace: invalid configuration: "), lines.get(0));
      return lines;
    }
  }

  @Test
  void badTlsSettingsExitTwoNamingTheSettingAndNeverShowTheKey() throws Exception {
    Path[] a = Commands.selfSigned(dir, "a", "a", false);
    Path[] b = Commands.selfSigned(dir, "b", "b", false);
    String missing = invalid(Map.of("VIVACE_TLS_CERT", dir.resolve("nope.pem").toString(), "VIVACE_TLS_KEY", a[1].toString())).get(0);
    assertTrue(missing.contains("VIVACE_TLS_CERT (system property vivace.tls-cert): cannot read it"), missing);
    String mismatch = invalid(Map.of("VIVACE_TLS_CERT", a[0].toString(), "VIVACE_TLS_KEY", b[1].toString())).get(0);
    assertTrue(mismatch.contains("VIVACE_TLS_KEY (system property vivace.tls-key): the key does not belong"), mismatch);
    String key = Files.readString(b[1]);
    assertFalse(mismatch.contains(key.substring(30, 60)), "no key material in the message");
    String half = invalid(Map.of("VIVACE_TLS_CERT", a[0].toString())).get(0);
    assertTrue(half.contains("VIVACE_TLS_KEY (system property vivace.tls-key): expected"), half);
  }

  @Test
  void goodFilesFromTheEnvironmentListenOnHttps() throws Exception {
    Path[] a = Commands.selfSigned(dir, "a", "a", false);
    Map<String, String> env = Map.of("PORT", "0", "HOST", "127.0.0.1", "VIVACE_EVENT_LOOPS", "1",
        "VIVACE_TLS_CERT", a[0].toString(), "VIVACE_TLS_KEY", a[1].toString());
    try (AppProcess p = AppProcess.start(Main.class, env)) {
      int port = p.awaitPort(60_000);
      String out = Commands.ok(List.of("curl", "-sS", "--http2", "--cacert", a[0].toString(), "-w", " %{http_version}",
          "https://localhost:" + port + "/ok"));
      assertEquals("ok 2", out);
      assertTrue(p.lines().stream().anyMatch(l -> l.contains("Vivace listening on https://127.0.0.1:" + port)),
          String.valueOf(p.lines()));
    }
  }
}
