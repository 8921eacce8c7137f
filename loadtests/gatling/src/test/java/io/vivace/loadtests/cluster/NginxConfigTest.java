package io.vivace.loadtests.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nginx configuration {@code loadtests/cluster} writes (its {@code nginx_conf} function on
 * {@code loadtests/cluster.d/nginx.conf.template}), checked by the real nginx ({@code nginx -t}),
 * installed from Debian's package by {@code loadtests/cluster.d/install-packages.sh} when missing
 * (skipped, with the reason, only when it cannot be installed): every instance with passive health
 * checks, keep-alive to the upstream, retries without {@code non_idempotent}, and an instance the
 * readiness watcher took out marked {@code down}.
 */
class NginxConfigTest {
  private static final Path SCRIPTS = Path.of("..", "cluster.d").toAbsolutePath().normalize();

  @BeforeAll
  static void nginx() throws Exception {
    Run install = run(List.of(SCRIPTS.resolve("install-packages.sh").toString(), "nginx:nginx"));
    Assumptions.assumeTrue(install.status() == 0, "nginx is not installed and could not be: " + install.output());
  }

  record Run(int status, String output) {
  }

  private static Run run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Run(-1, "timed out: " + out);
    }
    return new Run(p.exitValue(), out);
  }

  /** The configuration for 3 instances with {@code up} as the watcher's UP array, checked by nginx -t. */
  private static String config(Path dir, String up) throws Exception {
    Files.createDirectories(dir.resolve("nginx/temp"));
    String script = "set -e; DIR=" + dir + " HERE=" + SCRIPTS + " HTTP_PORT=18499; "
        + "source $HERE/services.sh; source $HERE/nginx.sh; UP=(" + up + "); "
        + "nginx_conf 3 > $DIR/nginx/nginx.conf; "
        + "$NGINX -t -p $DIR/nginx -c $DIR/nginx/nginx.conf -e $DIR/nginx/error.log";
    Run r = run(List.of("bash", "-c", script));
    assertEquals(0, r.status(), "nginx -t: " + r.output());
    assertTrue(r.output().contains("syntax is ok") && r.output().contains("test is successful"), r.output());
    return Files.readString(dir.resolve("nginx/nginx.conf"));
  }

  @Test
  void everyInstanceBehindKeepAlivePassiveChecksAndSafeRetries(@TempDir Path dir) throws Exception {
    String conf = config(dir, "1 1 1");
    for (int port = 18500; port <= 18502; port++) {
      assertTrue(conf.contains("server 127.0.0.1:" + port + " max_fails=1 fail_timeout=5s;"), conf);
    }
    assertTrue(conf.contains("keepalive 64;") && conf.contains("proxy_http_version 1.1;")
        && conf.contains("proxy_set_header Connection \"\";"), "upstream keep-alive: " + conf);
    assertTrue(conf.contains("proxy_next_upstream error timeout http_502 http_504;"), conf);
    String directives = conf.lines().map(l -> l.replaceFirst("#.*", "")).collect(Collectors.joining("\n"));
    assertFalse(directives.contains("non_idempotent"), "POST, PATCH, LOCK are never retried once sent: " + directives);
    assertTrue(conf.contains("listen 127.0.0.1:18499"), conf);
  }

  @Test
  void anInstanceTheWatcherTookOutIsMarkedDown(@TempDir Path dir) throws Exception {
    String conf = config(dir, "1 0 1");
    assertTrue(conf.contains("server 127.0.0.1:18501 max_fails=1 fail_timeout=5s down;"), conf);
    assertTrue(conf.contains("server 127.0.0.1:18500 max_fails=1 fail_timeout=5s;"), conf);
    assertTrue(conf.contains("server 127.0.0.1:18502 max_fails=1 fail_timeout=5s;"), conf);
  }
}
