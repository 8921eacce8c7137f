package io.vivace.examples.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vivace.db.DatabaseUrl;
import io.vivace.db.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The real-Prometheus proof: {@code loadtests/observability} starts the built blog jar on a fresh
 * database, a real Prometheus (Debian's package, installed when missing) scraping it every second,
 * runs a short load and checks through Prometheus's HTTP API that the target is up, the database
 * query rate is non-zero, its p99 can be computed, and the JVM, process and event-loop meters are
 * there. Bounded to 60 s; skipped, saying why, only when Prometheus cannot be installed.
 */
class ObservabilityIT {

  @Test
  void aRealPrometheusScrapesTheBlog() throws Exception {
    Path root = Path.of("..", "..").toAbsolutePath().normalize();
    Path script = root.resolve("loadtests/observability");
    Path jar = Path.of("target", "blog.jar").toAbsolutePath();
    assertTrue(Files.isExecutable(script), script + " is executable");
    assertTrue(Files.exists(jar), "the jar is built before the integration tests: " + jar);
    DatabaseUrl url = TestDatabase.fresh();
    Path log = Files.createTempFile("observability", ".log");
    try {
      ProcessBuilder pb = new ProcessBuilder(script.toString(), "--jar", jar.toString(), "--seconds", "4")
          .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().put("DATABASE_URL", "postgres://" + url.user()
          + (url.password() == null ? "" : ":" + url.password()) + "@" + url.host() + ":" + url.port() + "/" + url.database());
      Process p = pb.start();
      boolean ended = p.waitFor(60, TimeUnit.SECONDS);
      if (!ended) {
        p.destroy(); // the script's trap stops the blog and Prometheus
        p.waitFor(10, TimeUnit.SECONDS);
        p.destroyForcibly();
      }
      String out = Files.readString(log, StandardCharsets.UTF_8);
      System.out.println(out);
      assertTrue(ended, "the proof took over 60 s:\n" + out);
      Assumptions.assumeFalse(p.exitValue() == 3, "Prometheus (or jq) cannot be installed here (apt-get failed):\n" + out);
      assertEquals(0, p.exitValue(), out);
      assertTrue(out.contains("PASS db query rate"), out);
      assertTrue(out.contains("observability: PASS"), out);
    } finally {
      Files.deleteIfExists(log);
      TestDatabase.drop(url);
    }
  }
}
